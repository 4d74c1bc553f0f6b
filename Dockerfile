# Multi-stage build of the baocao binary; used by compose.yaml.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/baocao ./cmd/baocao

# The binary embeds its migrations, templates and time zone data.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/baocao /usr/local/bin/baocao
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/baocao"]
CMD ["serve"]
