# A small, static, non-root image of the sandbox.
#   docker build -t customers-sandbox .
#   docker run -p 8080:8080 customers-sandbox
# Extra fixtures: mount a folder at /fixtures and pass -fixtures /fixtures.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/sandbox ./cmd/sandbox

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sandbox /sandbox
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/sandbox", "-addr", ":8080"]
