using Seam.Protocols.Dissection;

namespace Seam.Protocols.Iec104;

internal readonly record struct Iec104Type(string Name, OperationKind Kind, bool IsMonitor);

/// <summary>
/// ASDU type identifiers of IEC 60870-5-101/104 (names as tshark gives them) and what each does to the process.
/// Monitor-direction data is a read of the process image; commands, set-points and parameter activations
/// change it; reset process restarts the outstation. File transfer (F_*) counts as neither upload nor download
/// of logic: in practice it moves disturbance records and logs, so it stays <see cref="OperationKind.Other"/>.
/// </summary>
internal static class Iec104TypeIds
{
    private static readonly Iec104Type Unknown = new("unknown type", OperationKind.Other, false);

    private static readonly Dictionary<byte, string> Names = new()
    {
        [1] = "M_SP_NA_1",
        [2] = "M_SP_TA_1",
        [3] = "M_DP_NA_1",
        [4] = "M_DP_TA_1",
        [5] = "M_ST_NA_1",
        [6] = "M_ST_TA_1",
        [7] = "M_BO_NA_1",
        [8] = "M_BO_TA_1",
        [9] = "M_ME_NA_1",
        [10] = "M_ME_TA_1",
        [11] = "M_ME_NB_1",
        [12] = "M_ME_TB_1",
        [13] = "M_ME_NC_1",
        [14] = "M_ME_TC_1",
        [15] = "M_IT_NA_1",
        [16] = "M_IT_TA_1",
        [20] = "M_PS_NA_1",
        [21] = "M_ME_ND_1",
        [30] = "M_SP_TB_1",
        [31] = "M_DP_TB_1",
        [32] = "M_ST_TB_1",
        [33] = "M_BO_TB_1",
        [34] = "M_ME_TD_1",
        [35] = "M_ME_TE_1",
        [36] = "M_ME_TF_1",
        [37] = "M_IT_TB_1",
        [38] = "M_EP_TD_1",
        [39] = "M_EP_TE_1",
        [40] = "M_EP_TF_1",
        [41] = "S_IT_TC_1",
        [45] = "C_SC_NA_1",
        [46] = "C_DC_NA_1",
        [47] = "C_RC_NA_1",
        [48] = "C_SE_NA_1",
        [49] = "C_SE_NB_1",
        [50] = "C_SE_NC_1",
        [51] = "C_BO_NA_1",
        [58] = "C_SC_TA_1",
        [59] = "C_DC_TA_1",
        [60] = "C_RC_TA_1",
        [61] = "C_SE_TA_1",
        [62] = "C_SE_TB_1",
        [63] = "C_SE_TC_1",
        [64] = "C_BO_TA_1",
        [70] = "M_EI_NA_1",
        [81] = "S_CH_NA_1",
        [82] = "S_RP_NA_1",
        [83] = "S_AR_NA_1",
        [84] = "S_KR_NA_1",
        [85] = "S_KS_NA_1",
        [86] = "S_KC_NA_1",
        [87] = "S_ER_NA_1",
        [90] = "S_US_NA_1",
        [91] = "S_UQ_NA_1",
        [92] = "S_UR_NA_1",
        [93] = "S_UK_NA_1",
        [94] = "S_UA_NA_1",
        [95] = "S_UC_NA_1",
        [100] = "C_IC_NA_1",
        [101] = "C_CI_NA_1",
        [102] = "C_RD_NA_1",
        [103] = "C_CS_NA_1",
        [105] = "C_RP_NA_1",
        [107] = "C_TS_TA_1",
        [110] = "P_ME_NA_1",
        [111] = "P_ME_NB_1",
        [112] = "P_ME_NC_1",
        [113] = "P_AC_NA_1",
        [120] = "F_FR_NA_1",
        [121] = "F_SR_NA_1",
        [122] = "F_SC_NA_1",
        [123] = "F_LS_NA_1",
        [124] = "F_AF_NA_1",
        [125] = "F_SG_NA_1",
        [126] = "F_DR_TA_1",
        [127] = "F_SC_NB_1",
    };

    private static readonly Iec104Type?[] Types = Build();

    public static Iec104Type Of(byte typeId) => Types[typeId] ?? Unknown;

    private static Iec104Type?[] Build()
    {
        var types = new Iec104Type?[256];
        foreach (var (id, name) in Names)
        {
            types[id] = new Iec104Type(name, KindOf(id), id is <= 44 or 70);
        }

        return types;
    }

    private static OperationKind KindOf(byte typeId) => typeId switch
    {
        <= 44 => OperationKind.Read,
        >= 45 and <= 64 => OperationKind.Write,
        70 => OperationKind.Other,
        >= 81 and <= 95 => OperationKind.Session,
        100 or 101 or 102 => OperationKind.Read,
        103 => OperationKind.Other,
        105 => OperationKind.Control,
        107 => OperationKind.Diagnostic,
        >= 110 and <= 113 => OperationKind.Write,
        _ => OperationKind.Other,
    };
}
