import Foundation
import Testing
@testable import CompKit

/// The deals' checksums made at the start of a run count only while the file is unchanged.
@Suite struct EarlyDigestsTests {
    @Test func anUnchangedFileKeepsItsEarlyDigest() throws {
        try withTemporaryFolder { folder in
            let path = try write("abc", to: "deals.csv", in: folder)
            let digest = try #require(EarlyDigests(paths: [path, folder + "/missing.csv"]).digest(of: path))
            // SHA-256("abc"), the FIPS 180-2 example.
            #expect(digest.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(digest.bytes == 3)
            #expect(FileIdentity(path: path) == digest.identity)
        }
    }

    @Test func aMissingFileHasNone() throws {
        try withTemporaryFolder { folder in
            #expect(EarlyDigests(paths: [folder + "/missing.csv"]).digest(of: folder + "/missing.csv") == nil)
        }
    }

    @Test func aFileWrittenAgainOrTouchedIsNoLongerTheOneHashed() throws {
        try withTemporaryFolder { folder in
            let path = try write("abc", to: "deals.csv", in: folder)
            let digest = try #require(EarlyDigests(paths: [path]).digest(of: path))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 86_400)], ofItemAtPath: path)
            #expect(FileIdentity(path: path) != digest.identity)   // same bytes, another modification time
            try write("abcd", to: "deals.csv", in: folder)
            #expect(FileIdentity(path: path) != digest.identity)
            try FileManager.default.removeItem(atPath: path)
            #expect(FileIdentity(path: path) == nil)
        }
    }
}
