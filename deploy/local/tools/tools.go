//go:build tools

// Package tools pins the third-party Go programs the local stack builds
// (Temporal server, temporal-sql-tool, Temporal UI server). Nothing here is
// compiled into Huiying itself; deploy/local/temporal.sh runs `go build` on the
// packages below from this module so versions come from this go.mod/go.sum.
package tools

import (
	_ "github.com/temporalio/ui-server/v2/cmd/server"
	_ "go.temporal.io/server/cmd/server"
	_ "go.temporal.io/server/cmd/tools/sql"
)
