using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;

namespace Seam.Core.Tests.Intelligence.Csaf;

/// <summary>An OpenPGP key made for the tests, able to sign like a CSAF provider and to export its public key.</summary>
internal sealed class TestSigner
{
    private static readonly Lazy<TestSigner> LazyShared = new(() => new TestSigner("Seam Test Signer <signer@example.test>"));

    private readonly PgpKeyPair keyPair;
    private readonly PgpPublicKeyRing publicRing;

    private TestSigner(string userId)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
        keyPair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), DateTime.UtcNow);
        var rings = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification, keyPair, userId, SymmetricKeyAlgorithmTag.Aes256,
            "unused".ToCharArray(), true, null, null, new SecureRandom());
        publicRing = rings.GeneratePublicKeyRing();
        UserId = userId;
    }

    /// <summary>One key for all tests: RSA generation is the slow part.</summary>
    public static TestSigner Shared => LazyShared.Value;

    public string UserId { get; }

    public string KeyId => keyPair.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] ArmoredPublicKey()
    {
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            publicRing.Encode(armor);
        }

        return buffer.ToArray();
    }

    /// <summary>A detached, ASCII-armored signature over <paramref name="content"/>, as <c>gpg --armor --detach-sign</c> makes.</summary>
    public byte[] Sign(byte[] content, int signatureType = PgpSignature.BinaryDocument)
    {
        var generator = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
        generator.InitSign(signatureType, keyPair.PrivateKey);
        generator.Update(content);
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            generator.Generate().Encode(armor);
        }

        return buffer.ToArray();
    }
}
