namespace Paraloom.Actors;

/// <summary>Anything that identifies a grain: a grain reference obtained from a factory, or a grain instance.</summary>
public interface IAddressable;

/// <summary>Marker interface of every grain interface.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain identified by a string key (the only key kind this runtime supports).</summary>
public interface IGrainWithStringKey : IGrain;
