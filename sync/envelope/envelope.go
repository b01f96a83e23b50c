// Package envelope signs and opens Entraide's exchange files: a JSON envelope (format,
// version, signer, public key, Ed25519 signature) around a payload whose exact bytes are
// signed, and the plain reasons a file is refused. It knows no payload.
//
// Versions: "version" is the major version and "minor" the minor one (absent: 1). A reader
// accepts every file of its major version whatever the minor (fields added by a later
// minor are ignored, fields it lacks take their zero value), and refuses a later major
// version with "mettez à jour Entraide". See README's "Exchange files".
package envelope

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"entraide/storage"
)

// File formats.
const (
	FormatInvitation    = "entraide/invitation"
	FormatMonthlyReport = "entraide/monthly-report"
	FormatListing       = "entraide/listing"   // an association's public listing, for the CCAS
	FormatDirectory     = "entraide/directory" // the network directory the CCAS publishes
)

// Version is the major version of every format this program writes and reads. A file of
// a later major version is refused ("mettez à jour Entraide"); there is no earlier one.
const Version = 1

// Minors are the minor version each format is written in. A minor version only adds
// fields: readers of an earlier minor ignore them, and this program reads every earlier
// minor (a field the file lacks keeps its zero value). Raise a format's minor when its
// payload gains a field, add the golden file of the new minor to sync/exchange/testdata,
// and never change the meaning of an existing field: that needs a new major version.
var Minors = map[string]int{
	FormatInvitation:    1,
	FormatMonthlyReport: 2, // 2: persons_without_birth_year, unique_by_year (Entraide 2026-12)
	FormatListing:       2, // 2: meeting_room (Entraide 2026-12)
	FormatDirectory:     3, // 2: the listings' meeting_room; 3: the bulletin (meetings, donations)
}

// MaxFileSize bounds what a reader accepts (a report is about 30 kB).
const MaxFileSize = 4 << 20

// Envelope is the outside of every exchange file. The signature covers the exact bytes
// of the payload as they stand in the file.
type Envelope struct {
	Format    string          `json:"format"`
	Version   int             `json:"version"`
	Minor     int             `json:"minor,omitempty"` // absent: 1
	SignerID  string          `json:"signer_id"`
	PublicKey string          `json:"public_key"`
	Signature string          `json:"signature"`
	Payload   json.RawMessage `json:"payload"`
}

// Reason says why a file was refused; the GUI says each in plain French.
type Reason string

const (
	ReasonNotEntraide        Reason = "not_entraide"
	ReasonMalformed          Reason = "malformed"
	ReasonNewerVersion       Reason = "newer_version"
	ReasonBadSignature       Reason = "bad_signature"
	ReasonWrongFormat        Reason = "wrong_format"
	ReasonOtherNetwork       Reason = "other_network"
	ReasonUnknownAssociation Reason = "unknown_association"
	ReasonKeyMismatch        Reason = "key_mismatch"
	ReasonFutureMonth        Reason = "future_month"
	ReasonBeforeJoined       Reason = "before_joined"
	ReasonWrongInstallation  Reason = "wrong_installation"
	ReasonUnreadable         Reason = "unreadable"
	ReasonOldDirectory       Reason = "old_directory"
)

// RefusedError: a file was refused; nothing was changed.
type RefusedError struct {
	Reason Reason
	Detail string
}

func (e *RefusedError) Error() string {
	messages := map[Reason]string{
		ReasonNotEntraide:        "this is not an Entraide file",
		ReasonMalformed:          "the file is damaged or incomplete",
		ReasonNewerVersion:       "the file comes from a newer Entraide: update Entraide",
		ReasonBadSignature:       "the signature does not match: the file was changed after it was signed",
		ReasonWrongFormat:        "this Entraide file is not of the expected kind",
		ReasonOtherNetwork:       "the file belongs to another network",
		ReasonUnknownAssociation: "the association is not a member of this network: invite it first",
		ReasonKeyMismatch:        "the file is signed with another key than the association's: if its computer changed, invite it again",
		ReasonFutureMonth:        "the report is for a month that is not over yet",
		ReasonBeforeJoined:       "the report is for a month before the association joined the network",
		ReasonWrongInstallation:  "this file is not meant for this kind of installation",
		ReasonUnreadable:         "the file cannot be read",
		ReasonOldDirectory:       "this directory is not newer than the one held",
	}
	msg := messages[e.Reason]
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

func Refuse(reason Reason, format string, args ...any) error {
	return &RefusedError{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// ReasonOf gives the reason of a refusal, or "" when err is not one.
func ReasonOf(err error) Reason {
	var re *RefusedError
	if errors.As(err, &re) {
		return re.Reason
	}
	return ""
}

// Fingerprint is a short, readable form of a public key (or any key): 4 groups of 4 hex digits.
func Fingerprint(key []byte) string {
	sum := sha256.Sum256(key)
	h := hex.EncodeToString(sum[:8])
	return strings.ToUpper(h[0:4] + "-" + h[4:8] + "-" + h[8:12] + "-" + h[12:16])
}

// Seal signs payload and writes the envelope as readable JSON.
func Seal(format, signerID string, key ed25519.PrivateKey, payload any) ([]byte, error) {
	body, err := EncodePayload(payload)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", format, err)
	}
	field := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	// Written by hand so that the payload's bytes in the file are exactly the signed ones.
	var b bytes.Buffer
	b.WriteString("{\n")
	b.WriteString(`  "format": ` + field(format) + ",\n")
	b.WriteString(`  "version": ` + field(Version) + ",\n")
	if minor := Minors[format]; minor > 1 { // minor 1 files stay as the first version wrote them
		b.WriteString(`  "minor": ` + field(minor) + ",\n")
	}
	b.WriteString(`  "signer_id": ` + field(signerID) + ",\n")
	b.WriteString(`  "public_key": ` + field(base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))) + ",\n")
	b.WriteString(`  "signature": ` + field(base64.StdEncoding.EncodeToString(ed25519.Sign(key, body))) + ",\n")
	b.WriteString(`  "payload": `)
	b.Write(body)
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// EncodePayload writes a payload exactly as it stands, signed, in a file: indented JSON
// with "<" and ">" kept readable.
func EncodePayload(payload any) ([]byte, error) {
	var encoded bytes.Buffer
	enc := json.NewEncoder(&encoded)
	enc.SetEscapeHTML(false) // "<5" stays readable
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(payload); err != nil {
		return nil, err
	}
	return bytes.TrimRight(encoded.Bytes(), "\n"), nil
}

// Open reads an exchange file and checks its signature against the key it
// carries; who that key must belong to is for the caller to check.
func Open(data []byte) (Envelope, ed25519.PublicKey, error) {
	var env Envelope
	if len(data) > MaxFileSize {
		return env, nil, Refuse(ReasonNotEntraide, "%d bytes", len(data))
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return env, nil, Refuse(ReasonNotEntraide, "")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&env); err != nil {
		// Something that starts like our envelope but breaks off is damaged, not foreign.
		if bytes.Contains(trimmed, []byte(`"entraide/`)) {
			return env, nil, Refuse(ReasonMalformed, "%v", err)
		}
		return env, nil, Refuse(ReasonNotEntraide, "")
	}
	if dec.More() {
		return env, nil, Refuse(ReasonMalformed, "text after the end of the file")
	}
	if !strings.HasPrefix(env.Format, "entraide/") {
		return env, nil, Refuse(ReasonNotEntraide, "")
	}
	if env.Version > Version {
		return env, nil, Refuse(ReasonNewerVersion, "version %d, this program reads up to %d", env.Version, Version)
	}
	if env.Version < 1 || len(env.Payload) == 0 || env.SignerID == "" {
		return env, nil, Refuse(ReasonMalformed, "envelope incomplete")
	}
	pub, err := base64.StdEncoding.DecodeString(env.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return env, nil, Refuse(ReasonMalformed, "public key unreadable")
	}
	sig, err := base64.StdEncoding.DecodeString(env.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return env, nil, Refuse(ReasonBadSignature, "signature unreadable")
	}
	if !ed25519.Verify(pub, env.Payload, sig) {
		return env, nil, Refuse(ReasonBadSignature, "")
	}
	return env, ed25519.PublicKey(pub), nil
}

// decodePayload reads a payload; fields added by a later minor version are ignored.
func Decode(env Envelope, into any) error {
	dec := json.NewDecoder(bytes.NewReader(env.Payload))
	if err := dec.Decode(into); err != nil {
		return Refuse(ReasonMalformed, "%v", err)
	}
	return nil
}

// fileSlug writes a name as plain lower-case words joined by hyphens, safe in a file name.
func FileSlug(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '\'' || r == '_' }) {
		if n := storage.NormalizeName(w); n != "" {
			words = append(words, n)
		}
	}
	if len(words) == 0 {
		words = []string{"association"}
	}
	return strings.Join(words, "-")
}

func PayloadHash(payload []byte) string {
	sum := sha256.Sum256(payload)
	return hex.EncodeToString(sum[:])
}
