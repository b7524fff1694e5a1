Console.Error.WriteLine("Benchmarks are not written yet.");
return 1;
