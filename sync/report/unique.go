package report

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"math/big"
	"strconv"
	"strings"

	"entraide/storage"
	"entraide/sync/envelope"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// The network passphrase is agreed among the associations and typed into each of their
// installations, never into the CCAS's. The key derived from it (Argon2id, salted with the
// network id) turns a person's identity into a hash only installations that know the
// passphrase can compute: the CCAS merges sketches without being able to test a name.

// Argon2id parameters: about a quarter of a second and 64 MB on an old laptop, once.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	keyLength    = 32
)

// MinPassphraseLength keeps passphrases out of reach of guessing.
const MinPassphraseLength = 16

// DeriveUniqueKey derives the network key from the passphrase.
func DeriveUniqueKey(passphrase, networkID string) ([]byte, error) {
	p := strings.Join(strings.Fields(norm.NFC.String(strings.ToLower(passphrase))), " ")
	if len([]rune(p)) < MinPassphraseLength {
		return nil, fmt.Errorf("the passphrase must have at least %d characters", MinPassphraseLength)
	}
	return argon2.IDKey([]byte(p), []byte("entraide-network:"+networkID), argonTime, argonMemory, argonThreads, keyLength), nil
}

// KeyFingerprint lets the CCAS see that associations use the same passphrase without
// learning it, or anything that helps compute person hashes.
func KeyFingerprint(key []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("entraide key fingerprint"))
	return envelope.Fingerprint(mac.Sum(nil))[:9]
}

// identityHasher computes many persons' hashes under one key without allocating a new
// HMAC for each: the same bytes as PersonHash and PersonYearHash, from names already
// normalised.
type identityHasher struct {
	mac hash.Hash
	sum []byte
}

func newIdentityHasher(key []byte) *identityHasher {
	return &identityHasher{mac: hmac.New(sha256.New, key), sum: make([]byte, 0, sha256.Size)}
}

// byDate is PersonHash of normalised names.
func (h *identityHasher) byDate(normLast, normFirst string, birth storage.Date) uint64 {
	return h.hash("", normLast, normFirst, birth.String())
}

// byYear is PersonYearHash of normalised names.
func (h *identityHasher) byYear(normLast, normFirst string, year int) uint64 {
	return h.hash("year|", normLast, normFirst, strconv.Itoa(year))
}

func (h *identityHasher) hash(prefix, last, first, birth string) uint64 {
	h.mac.Reset()
	io.WriteString(h.mac, prefix)
	io.WriteString(h.mac, last)
	io.WriteString(h.mac, "|")
	io.WriteString(h.mac, first)
	io.WriteString(h.mac, "|")
	io.WriteString(h.mac, birth)
	h.sum = h.mac.Sum(h.sum[:0])
	return binary.BigEndian.Uint64(h.sum[:8])
}

// PersonYearHash is the HMAC of the normalised name and the birth year alone: the same
// for a person registered with a full date in one association and a year in another.
// Two homonyms born the same year hash alike (a rare false merge, measured in the tests).
func PersonYearHash(key []byte, lastName, firstName string, birthYear int) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("year|" + storage.NormalizeName(lastName) + "|" + storage.NormalizeName(firstName) + "|" + strconv.Itoa(birthYear)))
	return mac.Sum(nil)
}

// PersonHash is the HMAC of the normalised identity: last name, first name, birth date
// with accents, case, hyphens and spaces removed.
func PersonHash(key []byte, lastName, firstName string, birth storage.Date) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(storage.NormalizeName(lastName) + "|" + storage.NormalizeName(firstName) + "|" + birth.String()))
	return mac.Sum(nil)
}

// passphraseWords are common French words, easy to say on the phone and to type.
var passphraseWords = []string{
	"abricot", "balcon", "cerise", "dauphin", "escargot", "falaise", "girafe", "horloge", "igloo", "jardin",
	"kiwi", "lanterne", "marmite", "noisette", "olivier", "papillon", "quartier", "radis", "sapin", "tambour",
	"ukulele", "violon", "wagon", "yaourt", "zebre", "anchois", "bouleau", "citron", "domino", "etoile",
	"fanfare", "grenier", "hibou", "ivoire", "jonquille", "kangourou", "lavande", "moulin", "nuage", "orange",
	"pinceau", "quiche", "renard", "soleil", "tortue", "univers", "velo", "biscuit", "carotte", "dragon",
	"eventail", "fromage", "galette", "hamac", "iris", "jambon", "koala", "limonade", "melon", "navet",
	"ocean", "poivron", "raisin", "sirop", "tulipe", "vanille", "brioche", "castor", "dentelle", "ecureuil",
}

// SuggestPassphrase proposes five random French words (about 30 bits of entropy).
func SuggestPassphrase() string {
	words := make([]string, 5)
	for i := range words {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(passphraseWords))))
		if err != nil {
			panic(err) // the system's random source does not fail
		}
		words[i] = passphraseWords[n.Int64()]
	}
	return strings.Join(words, " ")
}
