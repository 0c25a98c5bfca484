# galley's container image: the galley command and git (the date macros read
# the git history of the documents), running as an unprivileged user.
#
#   docker build -t galley .              # or: podman build -t galley .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/work" galley export -l en,de docs/
#
# The base images are build arguments, so a mirror or a pinned digest can be
# used: --build-arg GO_IMAGE=... --build-arg BASE_IMAGE=...
ARG GO_IMAGE=golang:1.26-bookworm
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY . .
# The same flags as the release archives (internal/release): a static,
# reproducible binary.
ARG TARGETOS=linux
ARG TARGETARCH
RUN --mount=type=cache,target=/root/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH:-$(go env GOARCH)} \
    go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -o /out/galley ./cmd/galley

FROM ${BASE_IMAGE}
# git for the dates; a user of its own; and git told to trust mounted
# checkouts, which belong to another user ("dubious ownership").
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --create-home --home-dir /home/galley --shell /usr/sbin/nologin galley \
 && git config --system --add safe.directory '*'
COPY --from=build /out/galley /usr/local/bin/galley
COPY LICENSE NOTICE /usr/share/doc/galley/
COPY internal/notices/NOTICES.txt /usr/share/doc/galley/THIRD_PARTY_NOTICES.txt
ENV HOME=/home/galley
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["galley"]
CMD ["--help"]
