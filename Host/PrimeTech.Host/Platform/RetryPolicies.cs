using System.Net.Sockets;
using JasperFx.Core;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace PrimeTech.Host.Platform;

/// <summary>
/// Retries for background messages (PDF rendering and storage, emails, cross-module events) when
/// the database, S3 or SMTP fail for a moment: 1 s, 5 s, 30 s, 2 min, 10 min, then the dead-letter
/// table. A failed attempt's transaction rolls back, cascaded messages included, so a retry never
/// repeats another attempt's effects. Request/response calls are not retried here: their callers
/// get the error at once.
/// </summary>
public static class RetryPolicies
{
    public static void AddTransientRetries(this WolverineOptions opts) =>
        opts.Policies.OnException(IsTransient)
            .ScheduleRetry(1.Seconds(), 5.Seconds(), 30.Seconds(), 2.Minutes(), 10.Minutes());

    public static bool IsTransient(Exception e) => e switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.ServiceNotConnectedException => true,
        Minio.Exceptions.ConnectionException or Minio.Exceptions.InternalClientException => true,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
