using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Host.Platform;

/// <summary>
/// One request body limit for the whole site (CODEX_HANDOFF §2.1): 1 MB, unless the endpoint
/// states its own with <see cref="IRequestSizeLimitMetadata"/> (the release upload, which counts
/// its bytes itself against <c>Releases:MaxUploadBytes</c>). A declared <c>Content-Length</c> over
/// the limit is refused before anything reads the body; a chunked body is cut off when it passes
/// the limit. Either way the answer is 413: <c>PAYLOAD_TOO_LARGE</c> under /api, the styled page
/// elsewhere.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>After routing (the endpoint's own limit is known), before anything reads a body.</summary>
    public static void UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var metadata = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = metadata is null ? DefaultMaxBytes : metadata.MaxRequestBodySize;
            // The status page re-executed for a refused body must render, not be refused again.
            if (limit is null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                await next(http);
                return;
            }
            if (http.Request.ContentLength > limit)
            {
                await RefuseAsync(http);
                return;
            }

            http.Request.Body = new LimitedReadStream(http.Request.Body, limit.Value);
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            {
                http.Response.Clear();
                await RefuseAsync(http);
            }
        });

    private static Task RefuseAsync(HttpContext http)
    {
        // The rest of an unread body is not worth reading: the client is told to stop sending.
        http.Response.Headers.Connection = "close";
        if (ApiErrors.IsApi(http.Request))
            return ProblemWriter.WriteAsync(http, ErrorCode.PayloadTooLarge);
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Task.CompletedTask;
    }

    /// <summary>Reads through to the request body and fails with 413 once more than the limit has arrived.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
