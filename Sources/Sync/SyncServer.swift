import Foundation
import Model
import Store

/// `dutydesk serve-sync --store PATH --office CODE`: answers sync frames on stdin with frames on stdout
/// until the client closes the stream.
///
/// The office is whatever the server was started with: in production the `authorized_keys` forced command
/// (see `OfficeAuthorization`) pins it, so a client cannot claim another office. Over a local path the
/// client starts the server itself with its own store's office: the operating-system user is already
/// trusted with every file on that machine, central store included.
public enum SyncServer {
    /// Serves one connection. Returns when the client closes its end; throws only when the central store
    /// cannot be opened (after telling the client why).
    public static func serve(storePath: String, office: RegionCode, input: FileHandle, output: FileHandle,
                             options: ServerOptions = ServerOptions()) throws {
        let transport = FileDescriptorTransport(input: input.fileDescriptor, output: output.fileDescriptor,
                                                timeout: nil, peer: "client", ownsDescriptors: false)
        let central: any CentralBackend
        do {
            central = try CentralStore.open(storePath)
        } catch {
            try? transport.send(Frame.encodeError("server: \(error)"))
            throw error
        }
        defer { central.close() }
        try serve(ServerSession(central: central, office: office, options: options), over: transport)
    }

    /// Tells the client, in a frame any version can read, why the server will not serve (e.g. no office).
    public static func refuse(_ message: String, output: FileHandle) {
        let t = FileDescriptorTransport(input: output.fileDescriptor, output: output.fileDescriptor, timeout: nil,
                                        peer: "client", ownsDescriptors: false)
        try? t.send(Frame.encodeError("server refused: \(message)"))
    }

    static func serve(_ session: ServerSession, over transport: any SyncTransport) throws {
        while true {
            let frame: [UInt8]
            do {
                frame = try transport.receive()
            } catch let e as SyncError where e.kind == .connection {
                return  // the client hung up: the normal end
            } catch let e as SyncError {
                try? transport.send(Frame.encodeError(e))
                return
            }
            do {
                guard try session.handle(frame, emit: transport.send) else { return }
            } catch let e as SyncError where e.kind == .connection {
                return
            }
        }
    }
}
