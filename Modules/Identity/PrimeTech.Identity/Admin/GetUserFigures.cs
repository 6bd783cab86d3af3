using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Identity.Contracts;

namespace PrimeTech.Identity.Admin;

/// <summary>Answers the dashboard's <see cref="GetUserFigures"/> (a public contracts query): accounts created on a London day, and all accounts by its end.</summary>
public static class GetUserFiguresHandler
{
    public static async Task<UserFigures> Handle(GetUserFigures query, IQuerySession session, CancellationToken ct)
    {
        var dayStart = London.ToUtc(query.Day, TimeOnly.MinValue);
        var dayEnd = London.ToUtc(query.Day.AddDays(1), TimeOnly.MinValue);
        var users = session.Query<User>();
        var created = await users.CountAsync(u => u.CreatedAt >= dayStart && u.CreatedAt < dayEnd, ct);
        var total = await users.CountAsync(u => u.CreatedAt < dayEnd, ct);
        return new UserFigures(created, total);
    }
}
