using System.ComponentModel.DataAnnotations;

namespace PrimeTech.BuildingBlocks.Email;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    [Required] public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; }
    [Required, EmailAddress] public string From { get; set; } = "";
    public string FromName { get; set; } = "Prime Tech Services";
}
