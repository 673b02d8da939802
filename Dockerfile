# syntax=docker/dockerfile:1
# Build: a static binary (no cgo), so the final image needs no libc.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/govaudit ./cmd/govaudit \
 && mkdir -p /out/data \
 && echo 'govaudit:x:65532:65532:govaudit:/data:/sbin/nologin' > /out/passwd \
 && echo 'govaudit:x:65532:' > /out/group

# Run: an empty image with the binary, CA certificates (sites are HTTPS),
# zone data and an unprivileged user. The zone data is also compiled into the
# binary (time/tzdata); the copy serves anything that looks on disk.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/group /etc/group
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /out/govaudit /govaudit
USER 65532:65532
WORKDIR /data
ENV TZ=Asia/Shanghai ZONEINFO=/zoneinfo.zip GOVAUDIT_CONFIG=/etc/govaudit/govaudit.yaml
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["/govaudit", "health", "--url", "http://127.0.0.1:9464/healthz"]
ENTRYPOINT ["/govaudit"]
CMD ["serve"]
