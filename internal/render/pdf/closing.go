package pdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// signatureSpace is the room left for the handwritten or digital signature.
const signatureSpace = 25.0

// closing is the recipients list at left and the signature block at right.
// Both columns go in one row so the block never splits across pages.
func (r *renderer) closing() []core.Row {
	roles := r.meta.Roles
	leftW := r.width * 45 / grid

	var left, right []core.Component
	y := 0.0
	addLeft := func(s string, p props.Text) {
		p.Top = y
		left = append(left, text.New(s, p))
		y += lineHeight(p.Size) * float64(len(r.m.wrap(s, p.Style, p.Size, leftW, 0)))
	}
	addLeft(msgRecipients, txt(12, fontstyle.BoldItalic, align.Left))
	for _, rc := range roles.Recipients {
		addLeft(fmt.Sprintf(msgRecipientLine, rc), txt(11, fontstyle.Normal, align.Left))
	}
	leftH := y

	y = 0
	for _, l := range roles.Signer.Block {
		p := txt(bodySize, fontstyle.Bold, align.Center)
		p.Top = y
		right = append(right, text.New(strings.ToUpper(l), p))
		y += lineHeight(bodySize)
	}
	switch sig := r.meta.Signature; {
	case !r.meta.Issued:
		p := txt(bodySize, fontstyle.Italic, align.Center)
		p.Top = y + signatureSpace/2 - lineHeight(bodySize)
		right = append(right, text.New("("+msgDraft+")", p))
		y += signatureSpace
	case sig != nil:
		shown, h := r.signing(sig, y+1, r.width*55/grid)
		right = append(right, shown...)
		y += max(signatureSpace, h+3)
	default:
		y += signatureSpace
	}
	p := txt(bodySize, fontstyle.Bold, align.Center)
	p.Top = y
	right = append(right, text.New(roles.Signer.Name, p))
	rightH := y + lineHeight(bodySize)

	return []core.Row{
		space(6),
		row.New(max(leftH, rightH)+2).Add(col.New(45).Add(left...), col.New(55).Add(right...)),
	}
}
