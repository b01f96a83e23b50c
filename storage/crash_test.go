//go:build !windows

package storage

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

const crashWorkerEnv = "ENTRAIDE_CRASH_WORKER"

var crashKills = flag.Int("crash-kills", 12, "how many times the crash test kills the writer")

// crashWorker records check-ins as fast as it can and prints each visit's id once its
// transaction has committed: what the volunteer would have seen acknowledged.
func crashWorker(dir string) {
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{MustExist: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var ids []string
	s.reader.Model(&Household{}).Pluck("id", &ids)
	for i := 0; ; i++ {
		v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: ids[i%len(ids)], OverrideReason: "crash test"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println(v.ID)
	}
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashWorkerEnv); dir != "" {
		crashWorker(dir)
	}
	os.Exit(m.Run())
}

// Killed (SIGKILL, as in a power cut of the process) at random points in a stream of
// check-ins, many times: the database stays sound and every acknowledged check-in is there.
// go test -short kills it 3 times; -crash-kills N as many times as asked (default 12).
func TestKilledDuringCheckInsLosesNothingAcknowledged(t *testing.T) {
	kills := *crashKills
	if testing.Short() {
		kills = min(kills, 3)
	}
	dir := t.TempDir()
	s, _ := openStreamStore(t, dir)
	for i := 0; i < 19; i++ {
		register(t, s, member(fmt.Sprintf("Famille%c", 'A'+i), "Test", fmt.Sprint(1940+i)))
	}
	s.Close()

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var acknowledged []string
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashWorkerEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.AfterFunc(time.Duration(50+rng.IntN(400))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		for id := range lines {
			acknowledged = append(acknowledged, id)
		}
		cmd.Wait()
		if strings.TrimSpace(stderr.String()) != "" {
			t.Fatalf("round %d: the worker failed: %s", round, stderr.String())
		}
	}
	if len(acknowledged) < kills {
		t.Fatalf("only %d check-ins acknowledged over the rounds: the worker barely ran", len(acknowledged))
	}
	s = reopenChecked(t, dir, "the kills")
	var present int64
	for start := 0; start < len(acknowledged); start += 500 {
		chunk := acknowledged[start:min(start+500, len(acknowledged))]
		var n int64
		s.reader.Model(&Visit{}).Where("id IN ? AND cancelled_at IS NULL", chunk).Count(&n)
		present += n
	}
	if present != int64(len(acknowledged)) {
		t.Fatalf("%d check-ins acknowledged, %d in the database", len(acknowledged), present)
	}
	t.Logf("%d acknowledged check-ins over %d kills, all present", len(acknowledged), kills)
}
