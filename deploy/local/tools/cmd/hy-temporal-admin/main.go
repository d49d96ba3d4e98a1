// Command hy-temporal-admin prepares a Temporal server for Huiying: it waits for the frontend, ensures the namespace
// exists and registers Huiying's custom search attributes. Every step is idempotent.
//
//	hy-temporal-admin wait    [flags]   wait until the frontend answers a health check
//	hy-temporal-admin setup   [flags]   wait + ensure namespace + ensure search attributes
//	hy-temporal-admin health  [flags]   one health check; exit 0 when serving
//
// Flags: -address (env TEMPORAL_ADDRESS, default 127.0.0.1:7233), -namespace (env TEMPORAL_NAMESPACE, default
// "default"), -retention (default 72h), -timeout (default 120s), -search-attributes (default: Huiying's set,
// "Name=Type,..." with Type one of Keyword, Text, Int, Double, Bool, Datetime, KeywordList).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Keep in step with libs/temporal (search-attribute registration) and the workflows' upserts.
const defaultSearchAttributes = "CaseKind=Keyword,CaseStage=Keyword,Department=Keyword,Grade=Keyword," +
	"DueAt=Datetime,Overdue=Bool,Jurisdiction=Keyword,ExtendedDueAt=Datetime,CaseSummary=Keyword"

var saTypes = map[string]enumspb.IndexedValueType{
	"Keyword":     enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	"Text":        enumspb.INDEXED_VALUE_TYPE_TEXT,
	"Int":         enumspb.INDEXED_VALUE_TYPE_INT,
	"Double":      enumspb.INDEXED_VALUE_TYPE_DOUBLE,
	"Bool":        enumspb.INDEXED_VALUE_TYPE_BOOL,
	"Datetime":    enumspb.INDEXED_VALUE_TYPE_DATETIME,
	"KeywordList": enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST,
}

type options struct {
	address, namespace, searchAttributes string
	retention, timeout                   time.Duration
	verbose                              bool
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "hy-temporal-admin: "+format+"\n", args...)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: hy-temporal-admin {wait|setup|health} [flags]")
		os.Exit(2)
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	var o options
	fs.StringVar(&o.address, "address", envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"), "frontend host:port")
	fs.StringVar(&o.namespace, "namespace", envOr("TEMPORAL_NAMESPACE", "default"), "namespace to ensure")
	fs.DurationVar(&o.retention, "retention", 72*time.Hour, "workflow execution retention of a new namespace")
	fs.DurationVar(&o.timeout, "timeout", 120*time.Second, "overall deadline")
	fs.StringVar(&o.searchAttributes, "search-attributes", defaultSearchAttributes, "Name=Type,...")
	fs.BoolVar(&o.verbose, "v", false, "log SDK messages")
	_ = fs.Parse(os.Args[2:])

	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()

	var err error
	switch cmd {
	case "health":
		o.timeout = 5 * time.Second
		var c client.Client
		c, err = dial(ctx, o)
		if err == nil {
			err = health(ctx, c)
			c.Close()
		}
	case "wait":
		var c client.Client
		c, err = waitForFrontend(ctx, o)
		if err == nil {
			c.Close()
		}
	case "setup":
		err = setup(ctx, o)
	default:
		err = fmt.Errorf("unknown command %q", cmd)
	}
	if err != nil {
		logf("%s: %v", cmd, err)
		os.Exit(1)
	}
}

func dial(ctx context.Context, o options) (client.Client, error) {
	var logger sdklog.Logger = sdklog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if o.verbose {
		logger = sdklog.NewStructuredLogger(slog.Default())
	}
	dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return client.DialContext(dctx, client.Options{HostPort: o.address, Namespace: o.namespace, Logger: logger})
}

func health(ctx context.Context, c client.Client) error {
	hctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := c.CheckHealth(hctx, &client.CheckHealthRequest{})
	return err
}

func waitForFrontend(ctx context.Context, o options) (client.Client, error) {
	var last error
	for {
		c, err := dial(ctx, o)
		if err == nil {
			if err = health(ctx, c); err == nil {
				return c, nil
			}
			c.Close()
		}
		last = err
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("frontend %s not serving: %w", o.address, last)
		case <-time.After(time.Second):
		}
	}
}

// retry runs f until it succeeds, returns a permanent error, or ctx ends. Unavailable and NotFound-type errors are
// retried: right after start the frontend may not see a freshly registered namespace yet.
func retry(ctx context.Context, what string, f func() error) error {
	for {
		err := f()
		if err == nil {
			return nil
		}
		var unavailable *serviceerror.Unavailable
		var nsNotFound *serviceerror.NamespaceNotFound
		var notFound *serviceerror.NotFound
		var deadline *serviceerror.DeadlineExceeded
		if !(errors.As(err, &unavailable) || errors.As(err, &nsNotFound) || errors.As(err, &notFound) ||
			errors.As(err, &deadline) || errors.Is(err, context.DeadlineExceeded)) {
			return fmt.Errorf("%s: %w", what, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w (gave up: %v)", what, err, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

func parseSearchAttributes(spec string) (map[string]enumspb.IndexedValueType, error) {
	out := map[string]enumspb.IndexedValueType{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, typ, ok := strings.Cut(item, "=")
		t, known := saTypes[strings.TrimSpace(typ)]
		if !ok || !known || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("bad search attribute %q (want Name=Type)", item)
		}
		out[strings.TrimSpace(name)] = t
	}
	return out, nil
}

func setup(ctx context.Context, o options) error {
	want, err := parseSearchAttributes(o.searchAttributes)
	if err != nil {
		return err
	}
	c, err := waitForFrontend(ctx, o)
	if err != nil {
		return err
	}
	defer c.Close()
	wf := c.WorkflowService()

	// (b) namespace
	err = retry(ctx, "register namespace", func() error {
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_, err := wf.RegisterNamespace(rctx, &workflowservice.RegisterNamespaceRequest{
			Namespace:                        o.namespace,
			Description:                      "Huiying local namespace",
			WorkflowExecutionRetentionPeriod: durationpb.New(o.retention),
		})
		var exists *serviceerror.NamespaceAlreadyExists
		if errors.As(err, &exists) {
			return nil
		}
		if err == nil {
			logf("registered namespace %q (retention %s)", o.namespace, o.retention)
		}
		return err
	})
	if err != nil {
		return err
	}
	err = retry(ctx, "describe namespace", func() error {
		dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		_, err := wf.DescribeNamespace(dctx, &workflowservice.DescribeNamespaceRequest{Namespace: o.namespace})
		return err
	})
	if err != nil {
		return err
	}

	// (c) search attributes
	op := c.OperatorService()
	var have map[string]enumspb.IndexedValueType
	err = retry(ctx, "list search attributes", func() error {
		lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		resp, err := op.ListSearchAttributes(lctx, &operatorservice.ListSearchAttributesRequest{Namespace: o.namespace})
		if err != nil {
			return err
		}
		have = resp.GetCustomAttributes()
		return nil
	})
	if err != nil {
		return err
	}
	missing := map[string]enumspb.IndexedValueType{}
	var names []string
	for name, t := range want {
		if got, ok := have[name]; ok {
			if got != t {
				return fmt.Errorf("search attribute %s exists with type %s, want %s", name, got, t)
			}
			continue
		}
		missing[name] = t
		names = append(names, name)
	}
	sort.Strings(names)
	if len(missing) > 0 {
		err = retry(ctx, "add search attributes", func() error {
			actx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			_, err := op.AddSearchAttributes(actx, &operatorservice.AddSearchAttributesRequest{
				Namespace:        o.namespace,
				SearchAttributes: missing,
			})
			var exists *serviceerror.AlreadyExists
			if errors.As(err, &exists) {
				return nil
			}
			return err
		})
		if err != nil {
			return err
		}
		logf("added search attributes %s to namespace %q", strings.Join(names, ", "), o.namespace)
	}
	logf("namespace %q ready with %d custom search attributes", o.namespace, len(want))
	return nil
}
