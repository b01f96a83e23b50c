package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"entraide/storage"
)

// readSecret reads a passphrase from the first line of standard input.
func readSecret(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the passphrase: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func cmdBackup(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	out := fs.String("out", "", "backup file to write (default: the automatic backup in the data folder)")
	encrypt := fs.Bool("encrypt", false, "encrypt with a passphrase read on standard input")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *encrypt && *out == "" {
		return usageError{"--encrypt needs --out"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	switch {
	case *out == "":
		path, err := s.AutoBackup(ctx)
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"file": path, "encrypted": false})
	case *encrypt:
		passphrase, err := readSecret(stdin)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("writing %s: %w", *out, err)
		}
		if err := s.EncryptedBackup(ctx, f, passphrase, "entraidectl"); err != nil {
			f.Close()
			os.Remove(*out)
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	default:
		if err := s.Backup(ctx, *out, "entraidectl"); err != nil {
			return err
		}
	}
	return writeJSON(stdout, map[string]any{"file": *out, "encrypted": *encrypt})
}

func cmdRestore(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"give the backup FILE to restore"}
	}
	dir, err := storage.ResolveDataDir(*data)
	if err != nil {
		return err
	}
	passphrase := ""
	if head, err := os.ReadFile(rest[0]); err == nil && strings.HasPrefix(string(head[:min(len(head), 20)]), "age-encryption.org/") {
		if passphrase, err = readSecret(stdin); err != nil {
			return err
		}
	}
	info, aside, err := storage.Restore(ctx, dir, rest[0], passphrase, "entraidectl")
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"restored": info, "previous_kept_as": aside})
}
