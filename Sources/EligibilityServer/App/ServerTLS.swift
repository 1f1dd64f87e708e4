import Foundation
import NIOSSL

/// The certificate chain and private key the server answers HTTPS with (`serve --tls-cert
/// --tls-key`), read once at start: a file that cannot be read or parsed stops the server
/// with the file named.
public struct ServerTLS: Sendable {
    let configuration: TLSConfiguration

    /// - Parameters:
    ///   - certificate: a PEM file of the server's certificate, then its intermediates.
    ///   - key: a PEM file of the certificate's private key.
    public init(certificate: String, key: String) throws(SettingsError) {
        for file in [certificate, key] where !FileManager.default.isReadableFile(atPath: file) {
            throw SettingsError("\(file): cannot read the file")
        }
        let chain = (try? NIOSSLCertificate.fromPEMFile(certificate)) ?? []
        guard !chain.isEmpty else {
            throw SettingsError("\(certificate): expected the server's certificate chain in PEM ('-----BEGIN CERTIFICATE-----'), found none")
        }
        guard let privateKey = try? NIOSSLPrivateKey(file: key, format: .pem) else {
            throw SettingsError("\(key): expected the certificate's private key in PEM ('-----BEGIN PRIVATE KEY-----'), found none that can be read")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                      privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        self.configuration = configuration
    }
}
