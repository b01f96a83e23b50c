package bulletin

import (
	"crypto/ed25519"
	"strings"
	"testing"

	"entraide/sync/directory"
)

// A sealed line opens with its association's key only; a line sealed for another key
// (a new computer the CCAS has not pinned yet) or damaged does not open.
func TestSealOpensForItsKeyOnly(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, otherPriv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	line := directory.FileDonationLine{AssociationID: "a1", Association: "Les Amis du Pile", Quantity: 38}
	sealed, err := seal(line, pub)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "Amis") {
		t.Fatal("the sealed line shows its association")
	}
	if got, err := open(sealed, priv); err != nil || got != line {
		t.Fatalf("opened %+v, %v", got, err)
	}
	if _, err := open(sealed, otherPriv); err == nil {
		t.Fatal("another key opened the line")
	}
	if _, err := open(sealed[:len(sealed)/2], priv); err == nil {
		t.Fatal("a cut line opened")
	}
	if _, err := open("not base64 !", priv); err == nil {
		t.Fatal("garbage opened")
	}
}
