namespace Paraloom.Privacy.Tests;

public class BatchVerificationTests
{
    private static readonly byte[] Vote = "job-9/attempt-1/digest"u8.ToArray();

    private static List<SignedMessage> ValidVotes(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            using SecretKey validator = SecretKey.Generate();
            byte[] message = [.. Vote, (byte)i];
            return new SignedMessage(validator.PublicKey, message, validator.Sign(message));
        }).ToList();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void A_batch_of_valid_signatures_verifies(int count)
    {
        Assert.True(SchnorrSignature.VerifyBatch(ValidVotes(count)));
    }

    [Fact]
    public void One_bad_signature_anywhere_fails_the_batch()
    {
        List<SignedMessage> votes = ValidVotes(6);
        for (int bad = 0; bad < votes.Count; bad++)
        {
            var tampered = new List<SignedMessage>(votes);
            tampered[bad] = tampered[bad] with { Message = "a different vote"u8.ToArray() };
            Assert.False(SchnorrSignature.VerifyBatch(tampered), $"bad vote {bad}");
        }
    }

    [Fact]
    public void Swapped_signatures_fail_even_though_each_is_valid_for_someone()
    {
        List<SignedMessage> votes = ValidVotes(3);
        votes[0] = votes[0] with { Signature = votes[1].Signature };
        Assert.False(SchnorrSignature.VerifyBatch(votes));
    }

    [Fact]
    public void Each_invalid_official_vector_fails_a_batch_of_valid_ones()
    {
        // Rows 6-13 of the BIP-340 vectors: same key and message, each signature invalid for a different reason.
        PublicKey key = PublicKey.FromHex("DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659");
        byte[] message = Convert.FromHexString("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89");
        string[] invalid =
        [
            "FFF97BD5755EEEA420453A14355235D382F6472F8568A18B2F057A14602975563CC27944640AC607CD107AE10923D9EF7A73C643E166BE5EBEAFA34B1AC553E2",
            "1FA62E331EDBC21C394792D2AB1100A7B432B013DF3F6FF4F99FCB33E0E1515F28890B3EDB6E7189B630448B515CE4F8622A954CFE545735AAEA5134FCCDB2BD",
            "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769961764B3AA9B2FFCB6EF947B6887A226E8D7C93E00C5ED0C1834FF0D0C2E6DA6",
            "0000000000000000000000000000000000000000000000000000000000000000123DDA8328AF9C23A94C1FEECFD123BA4FB73476F0D594DCB65C6425BD186051",
            "00000000000000000000000000000000000000000000000000000000000000017615FBAF5AE28864013C099742DEADB4DBA87F11AC6754F93780D5A1837CF197",
            "4A298DACAE57395A15D0795DDBFD1DCB564DA82B0F269BC70A74F8220429BA1D69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
            "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
        ];
        foreach (string signature in invalid)
        {
            List<SignedMessage> batch = ValidVotes(3);
            batch.Insert(1, new SignedMessage(key, message, SchnorrSignature.FromHex(signature)));
            Assert.False(SchnorrSignature.VerifyBatch(batch), signature);
        }
    }
}
