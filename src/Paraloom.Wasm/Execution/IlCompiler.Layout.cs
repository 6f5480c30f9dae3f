namespace Paraloom.Wasm.Execution;

internal sealed unsafe partial class IlCompiler
{
    /// <summary>Length in ints of the instruction at <paramref name="ip"/>, its opcode included.</summary>
    private static int InstructionLength(int* ip) => ip[0] switch
    {
        Op.BrTable => 2 + 3 * (ip[1] + 1),
        Op.Unreachable or Op.Return or Op.Drop or Op.Select or Op.MemorySize or Op.MemoryGrow or Op.MemoryCopy or Op.MemoryFill => 1,
        Op.BrMove => 4,
        Op.BrIfMove => 5,
        Op.BrIf or Op.BrUnless or Op.CallIndirect or Op.Const64 or Op.TableInit or Op.TableCopy => 3,
        < 0x28 => 2,                                   // one immediate
        <= 0x3E => 2,                                  // loads and stores: offset
        < Op.WithConstant => 1,                        // numeric operators
        < Op.WithConstant + 21 => 2,                   // i32 constant
        < Op.WithLocal => 3,                           // i64 constant
        < Op.WithTwoLocals => 2,
        < Op.LocalWithConstant => 3,
        < Op.CompareBranch => 3,
        < Op.LoadFromLocal => 3,
        <= Op.LocalSetLocalGet => 3,                  // LoadFromLocal family and LocalSetLocalGet
        < Op.StoreLocalToLocal => 4,                   // the *ToLocal / *TeeLocal families and LoadFromLocalPlusConstant
        < Op.ConstantCompareBranch => 4,
        < Op.LocalConstantCompareBranch => 4,
        _ => 5,
    };

    /// <summary>The code offsets the instruction at <paramref name="ip"/> may jump to.</summary>
    private static IEnumerable<int> BranchTargets(int* ip)
    {
        var op = ip[0];
        switch (op)
        {
            case Op.Br or Op.BrMove or Op.BrIf or Op.BrIfMove or Op.BrUnless:
                return [ip[1]];
            case Op.BrTable:
                var targets = new int[ip[1] + 1];
                for (var i = 0; i < targets.Length; i++) targets[i] = ip[2 + 3 * i];
                return targets;
            case >= Op.CompareBranch and < Op.LoadFromLocal:
                return [ip[1]];
            case >= Op.ConstantCompareBranch and < Op.LocalConstantCompareBranch:
                return [ip[2]];
            case >= Op.LocalConstantCompareBranch:
                return [ip[3]];
            default:
                return [];
        }
    }
}
