import Testing
import SlotLayers

@Suite("SequenceLayout")
struct SequenceLayoutTests {
    let layout = SequenceLayout(lengths: [2, 5, 1, 5, 3])

    @Test("offsets, order, active counts and step starts follow the packing rule")
    func packing() {
        #expect(layout.offsets == [0, 2, 7, 8, 13])
        #expect(layout.tokenCount == 16)
        #expect(layout.order == [1, 3, 4, 0, 2])
        #expect(layout.activeCounts == [5, 4, 3, 2, 2])
        #expect(layout.stepStarts == [0, 5, 9, 12, 14])
        #expect(layout.stepCount == 5)
        #expect(layout.sequenceCount == 5)
    }

    @Test("packed rows visit every token once, in time order per sequence", arguments: [false, true])
    func packedRows(reversed: Bool) {
        let rows = layout.packedRows(reversed: reversed)
        #expect(rows.sorted() == Array(0..<16))
        for rank in 0..<layout.sequenceCount {
            let sequence = layout.order[rank]
            let length = layout.lengths[sequence]
            let visited = (0..<length).map { rows[layout.stepStarts[$0] + rank] }
            let forward = Array(layout.offsets[sequence] ..< layout.offsets[sequence] + length)
            #expect(visited == (reversed ? forward.reversed() : forward))
        }
        #expect(layout.row(step: 0, rank: 0, reversed: true) == 6)
        #expect(layout.row(step: 0, rank: 0, reversed: false) == 2)
    }

    @Test("sequences still running at a step are a prefix of the order")
    func activePrefix() {
        for step in 0..<layout.stepCount {
            let running = layout.order.filter { layout.lengths[$0] > step }
            #expect(Array(layout.order.prefix(layout.activeCounts[step])) == running)
        }
    }

    @Test("equal lengths keep batch order; a single sequence of one token")
    func edgeCases() {
        #expect(SequenceLayout(lengths: [3, 3, 3]).order == [0, 1, 2])
        let single = SequenceLayout(lengths: [1])
        #expect(single.activeCounts == [1])
        #expect(single.packedRows(reversed: true) == [0])
    }
}
