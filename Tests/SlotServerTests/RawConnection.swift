#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP connection to a loopback port on which a test writes HTTP by hand:
/// for what an ordinary client never does, such as stopping half-way
/// through a body.
final class RawConnection: Sendable {
    private let socketDescriptor: Int32

    /// Errors of the connection.
    struct ConnectionError: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to `127.0.0.1:port`.
    init(port: Int) throws {
        #if canImport(Glibc)
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketDescriptor >= 0 else { throw ConnectionError(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            close(socketDescriptor)
            throw ConnectionError(description: "connect() to port \(port) failed: errno \(errno)")
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socketDescriptor) }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(socketDescriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw ConnectionError(description: "write() failed: errno \(errno)") }
            offset += written
        }
    }

    /// Writes `text` as UTF-8.
    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Reads until the peer closes the connection (or 30 s pass), on a
    /// Dispatch thread.
    func receiveAll() async throws -> String {
        String(decoding: try await receiveAllBytes(), as: UTF8.self)
    }

    /// The bytes read until the peer closes the connection (or 30 s pass),
    /// on a Dispatch thread.
    func receiveAllBytes() async throws -> [UInt8] {
        try await Blocking.run { try self.readToEnd() }
    }

    private func readToEnd() throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socketDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                received += buffer[..<count]
            } else if count < 0, errno == EINTR {
                continue
            } else if count == 0 {
                return received
            } else {
                throw ConnectionError(description: "read() failed: errno \(errno) after \(received.count) bytes")
            }
        }
    }

    /// The head of a `POST` with `Connection: close` and a body of `length` bytes.
    static func postHead(_ path: String, length: Int) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n"
    }
}
