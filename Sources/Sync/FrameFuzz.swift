import Model

/// `dutydesk bench fuzz` (and a row of `bench sync`): mutates real frames of every kind — bit flips,
/// truncations, inserted bytes, on a seeded schedule — and counts the mutated frames that decoded into a
/// message other than the one sent. The budget is zero: a corrupted frame is an error, never another message.
public enum FrameFuzz {
    /// What one fuzz run found.
    public struct Result: Sendable, CustomStringConvertible {
        public var mutated = 0
        /// Refused as an error (checksum, framing, decoding).
        public var refused = 0
        /// Decoded to exactly what was sent (cannot happen with a flipped bit, but counted rather than assumed).
        public var identical = 0
        /// Decoded to something else: accepted corruptions.
        public var accepted = 0
        public var description: String {
            "\(mutated) mutated frames: \(refused) refused, \(identical) decoded to the original, \(accepted) accepted corruptions"
        }
    }

    /// Mutates `count` frames with `seed`.
    public static func run(count: Int = 100_000, seed: UInt64 = 8) -> Result {
        var rng = SeededGenerator(seed: seed)
        let samples = corpus()
        var result = Result()
        for i in 0..<count {
            let (frame, original) = samples[i % samples.count]
            var f = frame
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:  // one bit
                let at = Int.random(in: 0..<f.count, using: &rng)
                f[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            case 1:  // a burst of up to 8 bits anywhere
                for _ in 0..<Int.random(in: 2...8, using: &rng) {
                    let at = Int.random(in: 0..<f.count, using: &rng)
                    f[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
                }
            case 2:  // cut short
                f.removeLast(Int.random(in: 1..<f.count, using: &rng))
            default:  // a byte inserted
                f.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...f.count, using: &rng))
            }
            guard f != frame else { continue }
            result.mutated += 1
            switch decode(f) {
            case nil: result.refused += 1
            case let decoded? where decoded == original: result.identical += 1
            default: result.accepted += 1
            }
        }
        return result
    }

    private enum Message: Equatable {
        case request(SyncRequest)
        case response(SyncResponse)
    }

    /// Decodes like a peer would: the frame, then whichever message it holds; nil when anything refuses it.
    private static func decode(_ frame: [UInt8]) -> Message? {
        guard let body = try? Frame.decode(frame, peer: "peer") else { return nil }
        if let r = try? MessageCodec.decodeRequest(body) { return .request(r) }
        if let r = try? MessageCodec.decodeResponse(body) { return .response(r) }
        return nil
    }

    /// Frames of each shape the protocol sends: idle and one-event pushes (small, uncompressed), large pushes,
    /// acknowledgments with rejections, log and snapshot pulls.
    private static func corpus() -> [([UInt8], Message)] {
        let device: DeviceID = 0xA1B2_C3D4_E5F6_0718
        let one = MixedWorkload.events(count: 1, device: device, seed: 3)
        let many = MixedWorkload.events(count: 200, device: device, firstSeq: 2, seed: 4)
        let pulled = MixedWorkload.events(count: 60, device: 0x55AA_0102_0304_0506, seed: 5)
        func request(_ events: [Event], final: Bool) -> SyncRequest {
            SyncRequest(requestID: 9, final: final, epoch: 0x1234_5678_9ABC, cursor: LogCursor(seq: 4_000, tag: 0xFEED_BEEF),
                        snapshot: nil, device: device, ackedThrough: 0, deviceHigh: 201, pullLimit: 2_000, events: events)
        }
        var messages: [Message] = [
            .request(request([], final: true)),
            .request(request(one, final: true)),
            .request(request(many, final: false)),
            .response(SyncResponse(requestID: 9, frameIndex: 0, epoch: 0x1234_5678_9ABC, applied: [device: 1], rejected: [],
                                   quarantined: [], pull: Pull(from: 4_000, events: [], position: .log(LogCursor(seq: 4_000, tag: 7)), more: false))),
            .response(SyncResponse(requestID: 9, frameIndex: 0, epoch: 0x1234_5678_9ABC, applied: [device: 201],
                                   rejected: [Rejection(id: EventID(device: device, seq: 5), reason: "office 140121 may not write stock of depot D140100")],
                                   quarantined: [EventID(device: device, seq: 6)], pull: nil)),
            .response(SyncResponse(requestID: 9, frameIndex: 0, epoch: 0x1234_5678_9ABC, applied: [device: 4], rejected: [],
                                   quarantined: [], conflict: 5, pull: nil)),
            .response(SyncResponse(requestID: 9, frameIndex: 1, epoch: 0x1234_5678_9ABC, applied: [:], rejected: [], quarantined: [],
                                   pull: Pull(from: 4_000, events: Array(pulled.prefix(1)), position: .log(LogCursor(seq: 4_001, tag: 8)), more: false))),
        ]
        let snapshot = SnapshotProgress(target: LogCursor(seq: 9_000, tag: 3), done: 5_000)
        messages.append(.response(SyncResponse(requestID: 9, frameIndex: 2, epoch: 1, applied: [:], rejected: [], quarantined: [],
                                               pull: Pull(from: 4_000, events: pulled, position: .snapshot(snapshot, checksum: MessageCodec.checksum(pulled)), more: true))))
        var out = messages.map { m -> ([UInt8], Message) in
            switch m {
            case .request(let r): (Frame.encode(body: MessageCodec.encode(r)), m)
            case .response(let r): (Frame.encode(body: MessageCodec.encode(r)), m)
            }
        }
        // An error frame: any successful decode of a mutated one is an accepted corruption.
        out.append((Frame.encodeError("office 140121 may not use device 1a2b (registered to 140100)"), .request(request([], final: false))))
        return out
    }
}
