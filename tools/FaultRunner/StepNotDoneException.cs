namespace Platform.FaultRunner;

/// <summary>A step of the distribution scenario that was not done: the scenario ends there and says where.</summary>
internal sealed class StepNotDoneException(string message) : Exception(message);
