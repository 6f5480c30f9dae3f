namespace Paraloom.Grains;

/// <summary>
/// Marks a grain interface method that a requester may call through an Orleans gateway, as it may over HTTP: submit,
/// hand out keys, status, watch, result challenge, result, the validator list, a validator revocation. A silo refuses an external client's call
/// to any method not marked so (<see cref="CallNotAllowedException"/>); every other method is called by the grain that
/// owns the step. A method added for requesters is marked with this attribute, and only such a method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequesterSurfaceAttribute : Attribute;
