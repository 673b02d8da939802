package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/govaudit/govaudit/store"
)

// cmdStore checks a store file or salvages what can be read from a
// damaged one. Both work on the file alone, without a config: the damaged
// file is the one a refusing command named.
func cmdStore(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("store", stdout)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 0 {
			return flagError(fs, fs.Parse(args))
		}
		return usageError{"store: want check FILE or salvage FILE NEWFILE"}
	}
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(fs, err)
	}
	files := fs.Args()
	switch {
	case args[0] == "check" && len(files) == 1:
		return storeCheck(files[0], stdout)
	case args[0] == "salvage" && len(files) == 2:
		return storeSalvage(files[0], files[1], stdout)
	}
	return usageError{"store: want check FILE or salvage FILE NEWFILE"}
}

func storeCheck(path string, stdout io.Writer) error {
	rep, err := store.Check(path)
	fmt.Fprintf(stdout, "文件 file: %s\n大小 size: %d bytes", path, rep.Size)
	if rep.PageSize > 0 {
		fmt.Fprintf(stdout, "; 页 pages: %d × %d bytes; 事务 txid %d", rep.Pages, rep.PageSize, rep.TxID)
	}
	fmt.Fprintln(stdout)
	for _, b := range slices.Sorted(maps.Keys(rep.Records)) {
		fmt.Fprintf(stdout, "  %-16s %d\n", b, rep.Records[b])
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "完好 / the file is sound")
	return nil
}

func storeSalvage(src, dst string, stdout io.Writer) error {
	rep, err := store.Salvage(src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已抢救到 salvaged into %s (%d of 2 trees read):\n", dst, rep.Trees)
	for _, b := range slices.Sorted(maps.Keys(rep.Records)) {
		fmt.Fprintf(stdout, "  %-16s %d\n", b, rep.Records[b])
	}
	if rep.Rebuilt > 0 {
		fmt.Fprintf(stdout, "  由历史记录重建最新结果 latest audits rebuilt from history: %d\n", rep.Rebuilt)
	}
	for _, l := range rep.Lost {
		fmt.Fprintf(stdout, "  无法读取 unreadable: %s\n", l)
	}
	if _, err := store.Check(dst); err != nil {
		var de *store.DamagedError
		if errors.As(err, &de) {
			return fmt.Errorf("the salvaged file does not pass its check: %w", err)
		}
		return err
	}
	fmt.Fprintf(stdout, "检查完毕后可替换原文件 / check it, then put it in place of %s with the service stopped\n", src)
	return nil
}
