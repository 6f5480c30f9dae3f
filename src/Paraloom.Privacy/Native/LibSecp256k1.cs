using System.Runtime.InteropServices;

namespace Paraloom.Privacy.Native;

/// <summary>
/// The libsecp256k1 functions this library calls, bound to the native builds the Secp256k1.Net package ships
/// (runtimes/RID/native). Signatures follow secp256k1.h and its schnorrsig, extrakeys and ecdh modules; every
/// function returns 1 on success and 0 on failure. Opaque objects (pubkey, xonly_pubkey: 64 bytes; keypair:
/// 96 bytes) are passed as byte pointers.
/// </summary>
internal static unsafe partial class LibSecp256k1
{
    private const string Library = "secp256k1";

    public const uint ContextNone = 1;
    public const uint SerializeCompressed = (1 << 1) | (1 << 8);
    public const uint SerializeUncompressed = 1 << 1;

    [LibraryImport(Library, EntryPoint = "secp256k1_context_create")]
    public static partial nint ContextCreate(uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_context_randomize")]
    public static partial int ContextRandomize(nint context, byte* seed32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_verify")]
    public static partial int SeckeyVerify(nint context, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_negate")]
    public static partial int SeckeyNegate(nint context, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_tweak_add")]
    public static partial int SeckeyTweakAdd(nint context, byte* seckey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_tweak_mul")]
    public static partial int SeckeyTweakMul(nint context, byte* seckey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_parse")]
    public static partial int PubkeyParse(nint context, byte* pubkey, byte* input, nuint inputLength);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    public static partial int PubkeySerialize(nint context, byte* output, nuint* outputLength, byte* pubkey, uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_create")]
    public static partial int PubkeyCreate(nint context, byte* pubkey, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_negate")]
    public static partial int PubkeyNegate(nint context, byte* pubkey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_tweak_add")]
    public static partial int PubkeyTweakAdd(nint context, byte* pubkey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_tweak_mul")]
    public static partial int PubkeyTweakMul(nint context, byte* pubkey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_combine")]
    public static partial int PubkeyCombine(nint context, byte* output, byte** inputs, nuint count);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_parse")]
    public static partial int XonlyPubkeyParse(nint context, byte* pubkey, byte* input32);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_create")]
    public static partial int KeypairCreate(nint context, byte* keypair, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_xonly_pub")]
    public static partial int KeypairXonlyPub(nint context, byte* pubkey, int* parity, byte* keypair);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_serialize")]
    public static partial int XonlyPubkeySerialize(nint context, byte* output32, byte* pubkey);

    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_sign_custom")]
    public static partial int SchnorrsigSignCustom(nint context, byte* signature64, byte* message, nuint messageLength, byte* keypair, SchnorrsigExtraParams* extraParams);

    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_verify")]
    public static partial int SchnorrsigVerify(nint context, byte* signature64, byte* message, nuint messageLength, byte* pubkey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdh")]
    public static partial int Ecdh(nint context, byte* output, byte* pubkey, byte* seckey, delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int> hash, void* data);

    /// <summary>secp256k1_schnorrsig_extraparams: the magic tag, a nonce function (null: BIP-340's) and its data (aux_rand32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SchnorrsigExtraParams
    {
        public uint Magic;
        public nint NonceFunction;
        public byte* NonceData;

        /// <summary>SECP256K1_SCHNORRSIG_EXTRAPARAMS_MAGIC, the bytes { 0xda, 0x6f, 0xb3, 0x8c } read as a native uint.</summary>
        private static readonly uint ExtraParamsMagic = BitConverter.IsLittleEndian ? 0x8cb36fdaU : 0xda6fb38cU;

        public static SchnorrsigExtraParams WithAuxRand(byte* auxRand32) =>
            new() { Magic = ExtraParamsMagic, NonceFunction = 0, NonceData = auxRand32 };
    }
}
