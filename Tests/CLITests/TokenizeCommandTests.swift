import Foundation
import Testing

@Suite("tagger tokenize, end to end")
struct TokenizeCommandTests {
    @Test("Text output: tokens separated by single spaces, one line per input line, empty lines kept")
    func textOnFile() throws {
        let path = try CLIRunner.temporaryFile(Array("I'd like to arrive in Beijing on November 2nd.\n\n北京飞往上海, e-mail!\n".utf8))
        let result = try CLIRunner.run("tagger", ["tokenize", path])
        #expect(result.status == 0)
        #expect(result.stdout == "I'd like to arrive in Beijing on November 2nd .\n\n北京 飞 往 上海 , e - mail !\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("JSONL output gives text, tokens, scalar offsets and categories")
    func jsonlOnStandardInput() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "--format", "jsonl"], input: Array("leave 北京 👍🏽 2nd\n\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == """
            {"text": "leave 北京 👍🏽 2nd", "tokens": [{"text": "leave", "start": 0, "end": 5, "category": "letter"}, \
            {"text": "北京", "start": 6, "end": 8, "category": "ideographic"}, {"text": "👍🏽", "start": 9, "end": 11, "category": "other"}, \
            {"text": "2nd", "start": 12, "end": 15, "category": "letter"}]}
            {"text": "", "tokens": []}

            """)
    }

    @Test("Grapheme mode gives one token per user-perceived character")
    func graphemes() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "--mode", "graphemes"], input: Array("e\u{301}👍🏽 ok".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "e\u{301} 👍🏽 o k\n")
    }

    @Test("Several files and '-' for standard input are read in order")
    func severalInputs() throws {
        let first = try CLIRunner.temporaryFile(Array("one\n".utf8))
        let second = try CLIRunner.temporaryFile(Array("three".utf8))
        let result = try CLIRunner.run("tagger", ["tokenize", first, "-", second], input: Array("two\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "one\ntwo\nthree\n")
    }

    @Test("CRLF line ends and a byte order mark do not reach the output; NUL is a token")
    func crlfBomNul() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("fly to Boston\r\na\0b\r\n".utf8)
        let result = try CLIRunner.run("tagger", ["tokenize", "--format", "jsonl"], input: input)
        #expect(result.status == 0)
        #expect(result.stdout == """
            {"text": "fly to Boston", "tokens": [{"text": "fly", "start": 0, "end": 3, "category": "letter"}, \
            {"text": "to", "start": 4, "end": 6, "category": "letter"}, {"text": "Boston", "start": 7, "end": 13, "category": "letter"}]}
            {"text": "a\\u0000b", "tokens": [{"text": "a", "start": 0, "end": 1, "category": "letter"}, \
            {"text": "\\u0000", "start": 1, "end": 2, "category": "other"}, {"text": "b", "start": 2, "end": 3, "category": "letter"}]}

            """)
    }

    @Test("Invalid UTF-8 stops with status 65 and a one-line error naming the line; earlier lines are written")
    func invalidUTF8() throws {
        let path = try CLIRunner.temporaryFile(Array("ok line\n".utf8) + [0x61, 0xFF, 0x62, 0x0A] + Array("never\n".utf8))
        let result = try CLIRunner.run("tagger", ["tokenize", path])
        #expect(result.status == 65)
        #expect(result.stdout == "ok line\n")
        #expect(result.stderr
            == "tagger: error: \(path):2: invalid UTF-8; convert the file to UTF-8 (e.g. with iconv), or pass --lossy to replace invalid bytes with U+FFFD\n")
    }

    @Test("--lossy replaces invalid UTF-8 with U+FFFD and reports the count")
    func lossy() throws {
        let input: [UInt8] = [0x61, 0xFF, 0x62, 0x0A] + Array("fine\n".utf8) + [0xC3, 0x0A]
        let result = try CLIRunner.run("tagger", ["tokenize", "--lossy"], input: input)
        #expect(result.status == 0)
        #expect(result.stdout == "a \u{FFFD} b\nfine\n\u{FFFD}\n")
        #expect(result.stderr == "tagger: replaced invalid UTF-8 with U+FFFD in 2 lines (first at <stdin>:1)\n")
    }

    @Test("A missing file stops with status 66")
    func missingFile() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "/nonexistent/input.txt"])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "tagger: error: /nonexistent/input.txt: cannot open: No such file or directory; check the path and its permissions\n")
    }

    @Test("A bad option value is a usage error with status 64")
    func usage() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "--mode", "sentences"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: The value 'sentences' is invalid for '--mode <mode>'."))
    }

    @Test("A 1 MB line is tokenized whole")
    func megabyteLine() throws {
        let line = String(repeating: "fly to 北京 ", count: 80_000)
        let result = try CLIRunner.run("tagger", ["tokenize"], input: Array(line.utf8) + [0x0A])
        #expect(result.status == 0)
        #expect(result.output.count == line.utf8.count)
        #expect(result.stdout.hasSuffix("fly to 北京\n"))
    }

    @Test("The sample utterances tokenize into the expected number of lines and tokens")
    func samples() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "corpora/samples/sentences.txt"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 21)
        #expect(lines.first == "I want to leave Beijing on November 2nd")
        #expect(lines[1] == "I'd like to arrive in Beijing on November 2nd .")
    }

    @Test("--help shows the documented options and an example")
    func help() throws {
        let result = try CLIRunner.run("tagger", ["tokenize", "--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Split each input line into tokens with ICU's word or grapheme rules.

            Each input line gives one output line, in input order; an empty line gives an empty record. Output
            appears as soon as a line has been read when the input is a terminal or a pipe that delivers lines
            one by one, and in large blocks otherwise.

            The text format writes the tokens of a line separated by single spaces (the form of pre-tokenized
            corpora). The jsonl format writes {"text": ..., "tokens": [{"text": ..., "start": ..., "end": ...,
            "category": ...}]} with start and end counting Unicode scalars of text, end exclusive, and the ICU
            category (number, letter, kana, ideographic or other).

            Example:
              $ echo "I'd like to arrive in Beijing on November 2nd." | tagger tokenize
              I'd like to arrive in Beijing on November 2nd .

            USAGE: tagger tokenize [--mode <mode>] [--format <format>] [<file> ...] [--lossy]

            ARGUMENTS:
              <file>                  Files to read, one utterance per line; with none, or '-', standard input
                                      is read.

            OPTIONS:
              --mode <mode>           How to split: 'words' for ICU word boundaries or 'graphemes' for one
                                      token per user-perceived character. (values: words, graphemes; default:
                                      words)
              --format <format>       The output format: 'text' for tokens separated by spaces or 'jsonl' for
                                      one JSON record per line with offsets. (values: text, jsonl; default:
                                      text)
              --lossy                 Replace invalid UTF-8 with U+FFFD and report how many lines were changed,
                                      instead of stopping with an error.
              -h, --help              Show help information.


            """)
    }

    @Test("The root command lists tokenize")
    func rootHelp() throws {
        let result = try CLIRunner.run("tagger", ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: tagger <subcommand>"))
        #expect(result.stdout.contains("tokenize"))
    }
}
