using Google.OrTools.Sat;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class OrToolsLoadTests
{
    [Fact]
    public void Cp_sat_loads_its_native_library_and_solves_a_tiny_model()
    {
        var model = new CpModel();
        var x = model.NewBoolVar("x");
        var y = model.NewBoolVar("y");
        model.AddBoolOr([x, y]);
        model.Minimize(3 * x + 2 * y);
        var solver = new CpSolver { StringParameters = "num_workers:1,max_time_in_seconds:5" };

        var status = solver.Solve(model);

        Assert.Equal(CpSolverStatus.Optimal, status);
        Assert.Equal(2, solver.ObjectiveValue);
    }
}
