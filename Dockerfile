# No `# syntax=` line: it would pull a Dockerfile frontend image from the
# public registry; Docker's built-in frontend has RUN --mount.
# REGISTRY_MIRROR (with a trailing slash) is prepended to the golang image
# where the public registry cannot be reached; deploy/docker-compose.yml
# passes it on.
ARG REGISTRY_MIRROR=
# Build: a static binary (no cgo), so the final image needs no libc. The
# build stage runs on the builder's own platform and cross-compiles for the
# target one, so `docker buildx build --platform linux/arm64` needs no
# emulation.
FROM --platform=$BUILDPLATFORM ${REGISTRY_MIRROR}golang:1.26-bookworm AS build
ARG TARGETOS=linux
ARG TARGETARCH
# A Go module proxy for builders that cannot reach the default one; empty
# keeps Go's default.
ARG GOPROXY
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w" -o /out/govaudit ./cmd/govaudit \
 && mkdir -p /out/data /out/tmp \
 && echo 'govaudit:x:65532:65532:govaudit:/data:/sbin/nologin' > /out/passwd \
 && echo 'govaudit:x:65532:' > /out/group

# Run: an empty image with the binary, CA certificates (sites are HTTPS),
# zone data, an unprivileged user, and /tmp (`govaudit demo` keeps its
# temporary store there). The zone data is also compiled into the binary
# (time/tzdata); the copy serves anything that looks on disk.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/group /etc/group
# COPY creates a copied directory's destination with --chown's owner (and
# not its source's mode), so /tmp and /data belong to the unprivileged user.
COPY --from=build --chown=65532:65532 /out/tmp /tmp
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /out/govaudit /govaudit
USER 65532:65532
WORKDIR /data
# The config is mounted at GOVAUDIT_CONFIG (deploy/docker-compose.yml mounts
# deploy/govaudit.yaml there); it must listen on 0.0.0.0:9464 and keep the
# store on /data, as deploy/govaudit.yaml does.
ENV TZ=Asia/Shanghai ZONEINFO=/zoneinfo.zip GOVAUDIT_CONFIG=/etc/govaudit/govaudit.yaml
VOLUME ["/data"]
EXPOSE 9464
# No shell or curl in the image: the binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/govaudit", "health", "--url", "http://127.0.0.1:9464/healthz"]
ENTRYPOINT ["/govaudit"]
CMD ["serve"]
