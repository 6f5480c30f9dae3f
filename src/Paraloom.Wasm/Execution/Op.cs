namespace Paraloom.Wasm.Execution;

/// <summary>
/// Opcodes of the internal instruction stream. Numeric operators, loads and stores keep their wasm
/// opcode value; control flow is rewritten with resolved targets and stack heights; the fused
/// super-instructions start at 0xF0.
/// </summary>
internal static class Op
{
    public const int Unreachable = 0x00;
    public const int Fuel = 0x01;           // [cost]
    public const int LoopFuel = 0x02;       // [cost] also polls for interruption
    public const int Br = 0x03;             // [target]
    public const int BrMove = 0x04;         // [target, height, arity]
    public const int BrIf = 0x05;           // [target, fall-through fuel]
    public const int BrIfMove = 0x06;       // [target, height, arity, fall-through fuel]
    public const int BrUnless = 0x07;       // [target, fall-through fuel]
    public const int BrTable = 0x08;        // [count, (target, height, arity) x (count + 1)]
    public const int Return = 0x09;
    public const int Call = 0x0A;           // [function index]
    public const int CallIndirect = 0x0B;   // [engine type id, table index]
    public const int Drop = 0x0C;
    public const int Select = 0x0D;
    public const int LocalGet = 0x0E;       // [slot]
    public const int LocalSet = 0x0F;       // [slot]
    public const int LocalTee = 0x10;       // [slot]
    public const int GlobalGet = 0x11;      // [global index]
    public const int GlobalSet = 0x12;      // [global index]
    public const int TableGet = 0x13;       // [table index]
    public const int TableSet = 0x14;       // [table index]
    public const int MemorySize = 0x15;
    public const int MemoryGrow = 0x16;
    public const int Const32 = 0x17;        // [bits]
    public const int Const64 = 0x18;        // [low bits, high bits]
    public const int RefFunc = 0x1B;        // [function index]
    public const int MemoryInit = 0x1C;     // [data index]
    public const int DataDrop = 0x1D;       // [data index]
    public const int MemoryCopy = 0x1E;
    public const int MemoryFill = 0x1F;
    public const int TableInit = 0x20;      // [element index, table index]
    public const int ElemDrop = 0x21;       // [element index]
    public const int TableCopy = 0x22;      // [destination table, source table]
    public const int TableGrow = 0x23;      // [table index]
    public const int TableSize = 0x24;      // [table index]
    public const int TableFill = 0x25;      // [table index]

    // 0x28..0x3E loads and stores [offset]; 0x45..0xC4 numeric operators, as in wasm.
    public const int I64Eqz = 0x50;          // also ref.is_null: a null reference is the zero slot

    public const int TruncSatBase = 0xE0;   // 0xE0..0xE7: 0xFC 0..7

    // Super-instructions fused by the compiler's peephole (see FusedOpcodes for each family's members).
    public const int WithConstant = 0x100;       // 42: binary operator, right operand inline  [constant (1 or 2 ints)]
    public const int WithLocal = 0x12A;          // 46: binary operator, right operand a local  [slot]
    public const int WithTwoLocals = 0x158;      // 21: i32 operator on two locals, pushes  [slot a, slot b]
    public const int LocalWithConstant = 0x16D;  // 21: i32 operator on a local and a constant, pushes  [slot, constant]
    public const int CompareBranch = 0x182;      // 11: i32 comparison (or eqz) then br_if  [target, fall-through fuel]
    public const int LoadFromLocal = 0x18D;      // 14: load from the address in a local, pushes  [slot, offset]
    public const int LocalSetLocalGet = 0x19B;   // [slot set, slot get]
    public const int TwoLocalsToLocal = 0x19C;           // 21: WithTwoLocals, result to a local  [slot a, slot b, destination]
    public const int TwoLocalsTeeLocal = 0x1B1;          // 21: WithTwoLocals, result to a local and pushed
    public const int LocalWithConstantToLocal = 0x1C6;   // 21: LocalWithConstant, result to a local  [slot, constant, destination]
    public const int LocalWithConstantTeeLocal = 0x1DB;  // 21: LocalWithConstant, result to a local and pushed
    public const int LoadFromLocalPlusConstant = 0x1F0;  // 14: load from (local + constant)  [slot, constant, offset]
    public const int StoreLocalToLocal = 0x1FE;          // 9: store a local at the address in a local  [address slot, value slot, offset]
    public const int ConstantCompareBranch = 0x207;      // 10: i32 comparison with a constant, then br_if  [constant, target, fall-through fuel]
    public const int LocalConstantCompareBranch = 0x211; // 10: i32 comparison of a local with a constant, then br_if  [slot, constant, target, fall-through fuel]
}
