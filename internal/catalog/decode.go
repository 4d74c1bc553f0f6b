package catalog

import (
	"errors"
	"math"
	"reflect"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses one file into a node tree, reporting syntax errors at
// their line.
func parseYAML(file string, data []byte, r *reporter) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		r.add(file, line, msgYAMLSyntax, msg)
		return nil
	}
	if len(doc.Content) == 0 {
		r.add(file, 1, msgEmptyFile)
		return nil
	}
	return doc.Content[0]
}

var posType = reflect.TypeFor[Pos]()

// decode fills v (a pointer) from node strictly: unknown or repeated keys
// and values of the wrong type are reported with their line, and decoding
// goes on so that every problem of the file is found at once. Each struct
// embedding Pos learns where it and each of its keys were read.
func decode(file string, node *yaml.Node, v any, r *reporter) {
	d := decoder{file: file, r: r}
	d.value(node, reflect.ValueOf(v).Elem())
}

type decoder struct {
	file string
	r    *reporter
}

func (d *decoder) value(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		// Aliases could expand without bound (or into themselves); the
		// format has no use for them.
		d.r.add(d.file, n.Line, msgAlias)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // absent: the zero value; required fields are checked later
	}
	switch v.Kind() {
	case reflect.Struct:
		d.mapping(n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.r.add(d.file, n.Line, msgWantList)
			return
		}
		s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode && item.Tag == "!!null" {
				d.r.add(d.file, item.Line, msgEmptyItem)
				continue
			}
			// An alias, or a non-mapping where an item with fields is due,
			// would append an empty item that knows no line: the
			// validator would then report it at no place.
			if item.Kind == yaml.AliasNode {
				d.r.add(d.file, item.Line, msgAlias)
				continue
			}
			if v.Type().Elem().Kind() == reflect.Struct && item.Kind != yaml.MappingNode {
				d.r.add(d.file, item.Line, msgWantMapping)
				continue
			}
			s = reflect.Append(s, reflect.New(v.Type().Elem()).Elem())
			d.value(item, s.Index(s.Len()-1))
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem())
		v.Set(p)
	case reflect.String:
		if d.scalar(n) {
			v.SetString(n.Value)
		}
	case reflect.Int:
		if !d.scalar(n) {
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.r.add(d.file, n.Line, msgWantInt, n.Value)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		if !d.scalar(n) {
			return
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.r.add(d.file, n.Line, msgWantNumber, n.Value)
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		if !d.scalar(n) {
			return
		}
		switch n.Value {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			d.r.add(d.file, n.Line, msgWantBool, n.Value)
		}
	default:
		panic(errors.New("catalog: no decoder for " + v.Type().String()))
	}
}

func (d *decoder) scalar(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		d.r.add(d.file, n.Line, msgWantScalar)
		return false
	}
	return true
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.r.add(d.file, n.Line, msgWantMapping)
		return
	}
	t := v.Type()
	fields := map[string]int{}
	posIndex := -1
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == posType {
			posIndex = i
			continue
		}
		if tag := f.Tag.Get("yaml"); tag != "" && tag != "-" {
			fields[tag] = i
		}
	}
	pos := Pos{File: d.file, Line: n.Line, Fields: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if prev, dup := pos.Fields[key.Value]; dup {
			d.r.add(d.file, key.Line, msgDuplicateKey, key.Value, prev)
			continue
		}
		pos.Fields[key.Value] = key.Line
		idx, ok := fields[key.Value]
		if !ok {
			d.r.add(d.file, key.Line, msgUnknownKey, key.Value)
			continue
		}
		d.value(val, v.Field(idx))
	}
	if posIndex >= 0 {
		v.Field(posIndex).Set(reflect.ValueOf(pos))
	}
}
