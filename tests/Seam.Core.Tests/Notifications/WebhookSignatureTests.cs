using System.Security.Cryptography;
using System.Text;
using Seam.Governance.Notifications;

namespace Seam.Core.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly DateTimeOffset SentAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"ntf-7","kind":"decision-waiting","subject":"Approve REQ-0042"}""");

    [Fact]
    public void The_signature_is_the_hmac_of_time_dot_body_as_the_recipe_says()
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);

        // The recipe in docs/notifications.md, computed independently of the signer.
        var t = SentAt.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.").Concat(Body).ToArray()));
        Assert.Equal($"t={t},v1={expected}", header);
        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Secret, header, Body, SentAt));
    }

    [Fact]
    public void A_changed_body_another_secret_or_a_forged_time_do_not_verify()
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);
        var changed = (byte[])Body.Clone();
        changed[^3] ^= 1;

        Assert.Equal(WebhookVerification.Mismatch, WebhookSignature.Verify(Secret, header, changed, SentAt));
        Assert.Equal(WebhookVerification.Mismatch, WebhookSignature.Verify("another-secret-entirely", header, Body, SentAt));

        // Moving the time forward to slip past the tolerance breaks the signature, since the time is signed too.
        var later = SentAt.AddHours(1);
        var forged = header.Replace($"t={SentAt.ToUnixTimeSeconds()}", $"t={later.ToUnixTimeSeconds()}", StringComparison.Ordinal);
        Assert.Equal(WebhookVerification.Mismatch, WebhookSignature.Verify(Secret, forged, Body, later));
    }

    public static TheoryData<int, WebhookVerification> Ages => new()
    {
        { 0, WebhookVerification.Valid },
        { 299, WebhookVerification.Valid },
        { 300, WebhookVerification.Valid },
        { 301, WebhookVerification.OutsideTolerance },
        { -301, WebhookVerification.OutsideTolerance },
        { 86_400, WebhookVerification.OutsideTolerance },
    };

    [Theory, MemberData(nameof(Ages))]
    public void A_delivery_older_or_newer_than_five_minutes_is_refused_as_a_replay(int ageSeconds, WebhookVerification expected)
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);
        Assert.Equal(expected, WebhookSignature.Verify(Secret, header, Body, SentAt.AddSeconds(ageSeconds)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=00")]
    [InlineData("t=1700000000")]
    [InlineData("t=soon,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1700000000,v1=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-")]
    [InlineData("garbage")]
    public void A_malformed_header_is_named_as_such(string? header) =>
        Assert.Equal(WebhookVerification.Malformed, WebhookSignature.Verify(Secret, header, Body, SentAt));

    [Fact]
    public void Any_of_several_signatures_may_match_so_that_secrets_can_be_rotated()
    {
        var header = WebhookSignature.Sign(Secret, SentAt, Body);
        var old = WebhookSignature.Sign("the-previous-secret-0000", SentAt, Body);
        var both = $"{old},{header.Split(',')[1]},v2=something-newer";
        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Secret, both, Body, SentAt));
    }
}
