namespace Paraloom.Privacy;

/// <summary>Where <see cref="KeyFile.WriteNew"/> put a key pair.</summary>
public sealed record KeyFilePaths(string SecretKeyPath, string PublicKeyPath);
