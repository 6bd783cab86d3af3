# Production image of the one executable, built as `dotnet cake --target=Codegen` builds it:
# Release, `codegen write` (Wolverine's handler code, TypeLoadMode.Static), Release again.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props PrimeTech.sln ./
COPY Modules/ Modules/
COPY Web/ Web/
COPY Host/ Host/
# Release names the runtime (ReadyToRun publish), so the restore is for Release too.
RUN dotnet restore Host/PrimeTech.Host/PrimeTech.Host.csproj -p:Configuration=Release
RUN dotnet build Host/PrimeTech.Host -c Release --no-restore
# Generating code reads no configuration but the connection string's presence.
RUN cd Host/PrimeTech.Host && ConnectionStrings__Postgres="Host=unused" ASPNETCORE_ENVIRONMENT=Production \
    dotnet bin/Release/net10.0/PrimeTech.Host.dll codegen write
# This build compiles the generated code into the Host.
RUN dotnet publish Host/PrimeTech.Host/PrimeTech.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=1
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "PrimeTech.Host.dll"]
