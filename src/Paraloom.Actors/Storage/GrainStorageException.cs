namespace Paraloom.Actors;

/// <summary>Stored grain data could not be read or written: unreadable, corrupted, or for another grain.</summary>
public sealed class GrainStorageException : Exception
{
    public GrainStorageException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
