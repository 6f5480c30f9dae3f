using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy;

namespace Paraloom.Testing;

/// <summary>
/// A job receipt split into the raw fields of docs/receipt-format.md, with no rule on their values: tests change any
/// field (a value no encoder would write, a length that no longer fits), sign the pieces again where they hold the
/// keys, and write the bytes back, recording where each field lies so a test can name and flip each one.
/// </summary>
internal sealed class RawReceipt
{
    public const string StatementTag = "paraloom/job-statement/v1";
    public const string CertificateTag = "paraloom/validator-certificate/v1";
    public const string VoteTag = "paraloom/vote/v3";
    public const string CohortTag = "paraloom/cohort/v1";

    public byte Version { get; set; }

    /// <summary>The statement's encoding, as raw bytes (its fields lie at <see cref="StatementFields"/>).</summary>
    public byte[] Statement { get; set; } = [];

    public byte[] StatementSignature { get; set; } = [];

    public uint Attempt { get; set; }

    public byte[] Profile { get; set; } = [];

    public List<byte[]> Cohort { get; } = [];

    public byte Status { get; set; }

    public uint Code { get; set; }

    public byte[] Digest { get; set; } = [];

    /// <summary>The fingerprint flag's byte and, when it is 1, the fingerprint.</summary>
    public byte FingerprintFlag { get; set; }

    public byte[] Fingerprint { get; set; } = [];

    public ulong Fuel { get; set; }

    public List<RawVote> Votes { get; } = [];

    /// <summary>Splits a receipt's bytes; throws when they do not hold the layout's fields (a test's own input is wrong).</summary>
    public static RawReceipt Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var receipt = new RawReceipt { Version = reader.Byte() };
        receipt.Statement = reader.Prefixed();
        receipt.StatementSignature = reader.Take(64);
        receipt.Attempt = BinaryPrimitives.ReadUInt32BigEndian(reader.Take(4));
        receipt.Profile = reader.Prefixed();
        for (int count = BinaryPrimitives.ReadUInt16BigEndian(reader.Take(2)); receipt.Cohort.Count < count;)
        {
            receipt.Cohort.Add(reader.Prefixed());
        }
        receipt.Status = reader.Byte();
        receipt.Code = BinaryPrimitives.ReadUInt32BigEndian(reader.Take(4));
        receipt.Digest = reader.Take(32);
        receipt.FingerprintFlag = reader.Byte();
        receipt.Fingerprint = receipt.FingerprintFlag == 1 ? reader.Take(32) : [];
        receipt.Fuel = BinaryPrimitives.ReadUInt64BigEndian(reader.Take(8));
        for (int count = BinaryPrimitives.ReadUInt16BigEndian(reader.Take(2)); receipt.Votes.Count < count;)
        {
            var certificate = reader.Prefixed();
            var flag = reader.Byte();
            byte[] note = flag == 0 ? [flag] : [flag, .. reader.Take(33)];
            receipt.Votes.Add(new RawVote(certificate[..^64], certificate[^64..], note, reader.Take(64)));
        }
        if (!reader.AtEnd) throw new ArgumentException("Bytes follow the receipt's last vote.", nameof(bytes));
        return receipt;
    }

    /// <summary>A copy whose fields can be changed without changing this one (votes are records: replace, not edit).</summary>
    public RawReceipt Clone()
    {
        var copy = new RawReceipt
        {
            Version = Version, Statement = [.. Statement], StatementSignature = [.. StatementSignature], Attempt = Attempt,
            Profile = [.. Profile], Status = Status, Code = Code, Digest = [.. Digest], FingerprintFlag = FingerprintFlag,
            Fingerprint = [.. Fingerprint], Fuel = Fuel,
        };
        copy.Cohort.AddRange(Cohort.Select(id => id.ToArray()));
        copy.Votes.AddRange(Votes);
        return copy;
    }

    /// <summary>The bytes, and each field's name with where it ends (so the last byte of each can be flipped).</summary>
    public (byte[] Bytes, List<(string Field, int End)> Fields) Write()
    {
        var fields = new List<(string, int)>();
        var output = new List<byte>();
        void Put(string field, ReadOnlySpan<byte> bytes)
        {
            output.AddRange(bytes.ToArray());
            if (!bytes.IsEmpty) fields.Add((field, output.Count));
        }
        Put("version", [Version]);
        Put("statement-length", U16(Statement.Length));
        var statementStart = output.Count;
        Put("statement", []);
        output.AddRange(Statement);
        foreach (var (field, end) in StatementFields(Statement))
        {
            fields.Add(($"statement-{field}", statementStart + end));
        }
        Put("statement-signature", StatementSignature);
        Put("attempt", U32(Attempt));
        Put("profile-length", U16(Profile.Length));
        Put("profile", Profile);
        Put("cohort-count", U16(Cohort.Count));
        for (var i = 0; i < Cohort.Count; i++)
        {
            Put($"cohort-{i}-length", U16(Cohort[i].Length));
            Put($"cohort-{i}", Cohort[i]);
        }
        Put("status", [Status]);
        Put("code", U32(Code));
        Put("digest", Digest);
        Put("fingerprint-flag", [FingerprintFlag]);
        Put("fingerprint", Fingerprint);
        Put("fuel", U64(Fuel));
        Put("vote-count", U16(Votes.Count));
        for (var i = 0; i < Votes.Count; i++)
        {
            var vote = Votes[i];
            Put($"vote-{i}-certificate-length", U16(vote.CertificateBody.Length + vote.CertificateSignature.Length));
            var start = output.Count;
            output.AddRange(vote.CertificateBody);
            foreach (var (field, end) in CertificateFields(vote.CertificateBody))
            {
                fields.Add(($"vote-{i}-certificate-{field}", start + end));
            }
            Put($"vote-{i}-certificate-signature", vote.CertificateSignature);
            Put($"vote-{i}-note-flag", vote.Note.AsSpan(0, 1));
            Put($"vote-{i}-note-commitment", vote.Note.AsSpan(1));
            Put($"vote-{i}-signature", vote.Signature);
        }
        return ([.. output], fields);
    }

    public byte[] ToBytes() => Write().Bytes;

    /// <summary>
    /// Signs every piece again over its raw bytes: the statement with the requester's key, each certificate with the
    /// authority's, and each vote, over the claim these fields make, with its member's key (found by the certificate's
    /// validator key). A piece whose signer's key is not given keeps its old signature.
    /// </summary>
    public RawReceipt SignedAgain(SecretKey? requester, SecretKey? authority, IReadOnlyCollection<SecretKey> members)
    {
        var copy = Clone();
        if (requester is not null) copy.StatementSignature = requester.Sign(Tagged(StatementTag, copy.Statement)).ToBytes();
        for (var i = 0; i < copy.Votes.Count; i++)
        {
            var vote = copy.Votes[i];
            if (authority is not null)
            {
                vote = vote with { CertificateSignature = authority.Sign(Tagged(CertificateTag, vote.CertificateBody)).ToBytes() };
            }
            var key = vote.CertificateBody.Length >= 65 ? vote.CertificateBody[33..65] : [];
            if (members.FirstOrDefault(member => member.PublicKey.ToBytes().AsSpan().SequenceEqual(key)) is { } member)
            {
                vote = vote with { Signature = member.Sign(copy.ClaimHash(vote.Note)).ToBytes() };
            }
            copy.Votes[i] = vote;
        }
        return copy;
    }

    /// <summary>The hash a vote carrying <paramref name="note"/> signs, from this receipt's raw fields.</summary>
    public byte[] ClaimHash(byte[] note)
    {
        var cohort = new List<byte>(U16(Cohort.Count));
        foreach (var id in Cohort)
        {
            cohort.AddRange(U16(id.Length));
            cohort.AddRange(id);
        }
        byte[] claim =
        [
            .. Tagged(StatementTag, Statement), .. U32(Attempt), .. Tagged(CohortTag, [.. cohort]), .. Digest, .. U64(Fuel),
            .. U16(Profile.Length), .. Profile, .. note,
        ];
        return Tagged(VoteTag, claim);
    }

    /// <summary>Each field of a statement's layout, with the offset where it ends (its raw bytes decide the lengths).</summary>
    public static IEnumerable<(string Field, int End)> StatementFields(byte[] statement)
    {
        if (statement.Length < 4) return [];
        var idLength = BinaryPrimitives.ReadUInt16BigEndian(statement.AsSpan(2));
        return Ends(
            ("version", 1), ("kind", 1), ("job-id-length", 2), ("job-id", idLength), ("module-hash", 32),
            ("input-binding", statement[1] == 1 ? 33 : 32), ("nonce", 32), ("requester", 32), ("memory", 8), ("fuel", 8),
            ("wall-clock", 8), ("distribution-timeout", 8), ("max-output", 4), ("replication", 2), ("expiry", 8))
            .Where(field => field.End <= statement.Length);
    }

    /// <summary>Each field of a certificate body's layout, with the offset where it ends.</summary>
    public static IEnumerable<(string Field, int End)> CertificateFields(byte[] body)
    {
        if (body.Length < 67) return [];
        var operatorLength = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(65));
        var profileAt = 67 + operatorLength;
        var profileLength = body.Length >= profileAt + 2 ? BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(profileAt)) : 0;
        return Ends(
            ("version", 1), ("authority", 32), ("validator-key", 32), ("operator-length", 2), ("operator", operatorLength),
            ("profile-length", 2), ("profile", profileLength), ("not-before", 8), ("not-after", 8))
            .Where(field => field.End <= body.Length);
    }

    /// <summary>Where a field of the statement (by its name in <see cref="StatementFields"/>) begins, and its length.</summary>
    public static (int Start, int Length) StatementField(byte[] statement, string name) => Locate(StatementFields(statement), name);

    /// <summary>Where a field of a certificate body begins, and its length.</summary>
    public static (int Start, int Length) CertificateField(byte[] body, string name) => Locate(CertificateFields(body), name);

    /// <summary>A text field's replacement: its u16 length and UTF-8 bytes, for a statement or certificate body.</summary>
    public static byte[] ReplaceText(byte[] encoding, (int Start, int Length) lengthField, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var oldLength = BinaryPrimitives.ReadUInt16BigEndian(encoding.AsSpan(lengthField.Start));
        return [.. encoding[..lengthField.Start], .. U16(utf8.Length), .. utf8, .. encoding[(lengthField.Start + 2 + oldLength)..]];
    }

    public static byte[] Tagged(string tag, ReadOnlySpan<byte> message)
    {
        var tagHash = SHA256.HashData(Encoding.ASCII.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. message]);
    }

    public static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private static (int Start, int Length) Locate(IEnumerable<(string Field, int End)> fields, string name)
    {
        var previous = 0;
        foreach (var (field, end) in fields)
        {
            if (field == name) return (previous, end - previous);
            previous = end;
        }
        throw new ArgumentException($"No field {name}.", nameof(name));
    }

    private static IEnumerable<(string Field, int End)> Ends(params (string Field, int Length)[] fields)
    {
        var end = 0;
        foreach (var (field, length) in fields)
        {
            end += length;
            yield return (field, end);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public byte Byte() => Take(1)[0];

        public byte[] Prefixed() => Take(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));

        public byte[] Take(int count)
        {
            if (_rest.Length < count) throw new ArgumentException("The receipt ends before its layout does.");
            var taken = _rest[..count].ToArray();
            _rest = _rest[count..];
            return taken;
        }
    }
}

/// <summary>One vote of a <see cref="RawReceipt"/>: its certificate's body and signature, its note field and its signature.</summary>
internal sealed record RawVote(byte[] CertificateBody, byte[] CertificateSignature, byte[] Note, byte[] Signature);
