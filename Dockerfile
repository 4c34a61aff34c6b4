# The sandbox as a small, static, non-root image.
#   docker build -t customers-sandbox .
#   docker run -p 8080:8080 customers-sandbox
# More fixtures: mount a folder of YAML files at /fixtures, e.g.
#   docker run -p 8080:8080 -v "$PWD/my-fixtures:/fixtures:ro" customers-sandbox
# Other flags: docker run … customers-sandbox -addr :8080 -fixtures /fixtures -admin-token s3cret
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/sandbox ./cmd/sandbox && mkdir -p /out/fixtures

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sandbox /sandbox
COPY --from=build --chown=nonroot:nonroot /out/fixtures /fixtures
USER nonroot:nonroot
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=3s --retries=3 CMD ["/sandbox", "-healthcheck", "http://127.0.0.1:8080"]
ENTRYPOINT ["/sandbox"]
CMD ["-addr", ":8080", "-fixtures", "/fixtures"]
