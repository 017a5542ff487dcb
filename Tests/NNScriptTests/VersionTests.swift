import Testing
import NNScript

@Test func versionIsSemantic() {
    #expect(NNScriptInfo.version.split(separator: ".").count == 3)
}
