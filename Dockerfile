# Production-like image of the one executable. Build: docker build -t primetech .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props PrimeTech.sln ./
COPY Modules/ Modules/
COPY Web/ Web/
COPY Host/ Host/
RUN dotnet restore Host/PrimeTech.Host/PrimeTech.Host.csproj
# Pre-generate Wolverine's handler code so production start-up compiles nothing.
RUN ConnectionStrings__Postgres="Host=unused" dotnet run --project Host/PrimeTech.Host -c Release -- codegen write
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
