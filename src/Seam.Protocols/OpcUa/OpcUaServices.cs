using Seam.Protocols.Dissection;

namespace Seam.Protocols.OpcUa;

/// <summary>One OPC UA service message, named by the NodeId of its DefaultBinary encoding (namespace 0).</summary>
internal readonly record struct OpcUaService(ushort TypeId, string Name, OperationKind Kind, bool IsRequest);

/// <summary>
/// The standard services by encoding NodeId (OPC 10000-4 services, ids from the Part 6 NodeIds.csv as tshark
/// names them). A method Call counts as a write: a method can do anything a write can, and usually does.
/// </summary>
internal static class OpcUaServices
{
    public const ushort ServiceFault = 397;
    public const ushort FindServersResponse = 425;
    public const ushort GetEndpointsResponse = 431;
    public const ushort OpenSecureChannelRequest = 446;
    public const ushort ActivateSessionRequest = 467;
    public const ushort UserNameIdentityToken = 324;

    private static readonly Dictionary<ushort, OpcUaService> ByTypeId = Build(
    [
        Pair(422, "FindServers", OperationKind.Identify),
        Pair(12208, "FindServersOnNetwork", OperationKind.Identify, responseId: 12209),
        Pair(428, "GetEndpoints", OperationKind.Identify),
        Pair(437, "RegisterServer", OperationKind.Other),
        Pair(12211, "RegisterServer2", OperationKind.Other, responseId: 12212),
        Pair(446, "OpenSecureChannel", OperationKind.Session),
        Pair(452, "CloseSecureChannel", OperationKind.Session),
        Pair(461, "CreateSession", OperationKind.Session),
        Pair(467, "ActivateSession", OperationKind.Session),
        Pair(473, "CloseSession", OperationKind.Session),
        Pair(479, "Cancel", OperationKind.Session),
        Pair(488, "AddNodes", OperationKind.Write),
        Pair(494, "AddReferences", OperationKind.Write),
        Pair(500, "DeleteNodes", OperationKind.Write),
        Pair(506, "DeleteReferences", OperationKind.Write),
        Pair(527, "Browse", OperationKind.Read),
        Pair(533, "BrowseNext", OperationKind.Read),
        Pair(554, "TranslateBrowsePathsToNodeIds", OperationKind.Read),
        Pair(560, "RegisterNodes", OperationKind.Read),
        Pair(566, "UnregisterNodes", OperationKind.Read),
        Pair(615, "QueryFirst", OperationKind.Read),
        Pair(621, "QueryNext", OperationKind.Read),
        Pair(631, "Read", OperationKind.Read),
        Pair(664, "HistoryRead", OperationKind.Read),
        Pair(673, "Write", OperationKind.Write),
        Pair(700, "HistoryUpdate", OperationKind.Write),
        Pair(712, "Call", OperationKind.Write),
        Pair(751, "CreateMonitoredItems", OperationKind.Read),
        Pair(763, "ModifyMonitoredItems", OperationKind.Read),
        Pair(769, "SetMonitoringMode", OperationKind.Read),
        Pair(775, "SetTriggering", OperationKind.Read),
        Pair(781, "DeleteMonitoredItems", OperationKind.Read),
        Pair(787, "CreateSubscription", OperationKind.Read),
        Pair(793, "ModifySubscription", OperationKind.Read),
        Pair(799, "SetPublishingMode", OperationKind.Read),
        Pair(826, "Publish", OperationKind.Read),
        Pair(832, "Republish", OperationKind.Read),
        Pair(841, "TransferSubscriptions", OperationKind.Read),
        Pair(847, "DeleteSubscriptions", OperationKind.Read),
    ]);

    public static bool TryGet(long typeId, out OpcUaService service)
    {
        if (typeId == ServiceFault)
        {
            service = new OpcUaService(ServiceFault, "ServiceFault", OperationKind.Error, false);
            return true;
        }

        service = default;
        return typeId is > 0 and <= ushort.MaxValue && ByTypeId.TryGetValue((ushort)typeId, out service);
    }

    // The services of the first release number a response three after its request (…Request 428, …Response
    // 431); later ones do not. Names are built once here so reporting never allocates.
    private static (OpcUaService Request, OpcUaService Response) Pair(
        ushort requestId, string name, OperationKind kind, ushort responseId = 0) =>
        (new OpcUaService(requestId, name + "Request", kind, true),
         new OpcUaService(responseId == 0 ? (ushort)(requestId + 3) : responseId, name + "Response", kind, false));

    private static Dictionary<ushort, OpcUaService> Build((OpcUaService Request, OpcUaService Response)[] pairs)
    {
        var table = new Dictionary<ushort, OpcUaService>();
        foreach (var (request, response) in pairs)
        {
            table.Add(request.TypeId, request);
            table.Add(response.TypeId, response);
        }

        return table;
    }
}
