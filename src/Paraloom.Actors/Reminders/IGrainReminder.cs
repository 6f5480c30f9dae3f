namespace Paraloom.Actors;

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }
}
