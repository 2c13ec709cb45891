package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"net"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The cidr functions compute as Terraform's do (which use go-cidr). Inputs
// where Terraform's results rest on undefined integer conversions (negative
// or 64-bit-overflowing numbers) are errors here, so their value is unknown.
// Like Go's net package, and unlike Terraform, IPv4 octets with leading zeros
// are refused (unknown).

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		newbits, err := wholeNumber(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		netnum, err := wholeNumber(args[2])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		parentLen, addrLen := network.Mask.Size()
		switch {
		case newbits.Sign() < 0 || newbits.Cmp(big.NewInt(64)) >= 0:
			return cty.UnknownVal(cty.String), fmt.Errorf("newbits %s is out of range", newbits)
		case netnum.Sign() < 0:
			return cty.UnknownVal(cty.String), fmt.Errorf("netnum %s must not be negative", netnum)
		}
		nb := int(newbits.Int64())
		newLen := parentLen + nb
		if newLen > addrLen {
			return cty.UnknownVal(cty.String), fmt.Errorf("insufficient address space to extend prefix of %d by %d", parentLen, nb)
		}
		if netnum.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(nb))) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", nb, netnum)
		}
		ip := insertNum(network.IP, netnum, newLen)
		sub := &net.IPNet{IP: ip, Mask: net.CIDRMask(newLen, addrLen)}
		return cty.StringVal(sub.String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, err := wholeNumber(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if num.BitLen() > 62 {
			return cty.UnknownVal(cty.String), fmt.Errorf("hostnum %s is out of range", num)
		}
		parentLen, addrLen := network.Mask.Size()
		maxHost := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(addrLen-parentLen)), big.NewInt(1))
		offset := num // the distance from the start, or (negative) from the end
		if num.Sign() < 0 {
			offset = new(big.Int).Sub(new(big.Int).Neg(num), big.NewInt(1))
		}
		if offset.Cmp(maxHost) > 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix of %d does not accommodate a host numbered %s", parentLen, num)
		}
		if num.Sign() < 0 {
			num = new(big.Int).Sub(maxHost, offset)
		}
		return cty.StringVal(insertNum(network.IP, num, addrLen).String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if network.IP.To4() == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})

func parseCIDR(s string) (*net.IPNet, error) {
	_, network, err := net.ParseCIDR(s)
	if err != nil {
		return nil, fmt.Errorf("invalid CIDR expression: %w", err)
	}
	return network, nil
}

// wholeNumber reads an integer argument.
func wholeNumber(v cty.Value) (*big.Int, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return nil, errors.New("value must be a whole number")
	}
	i, _ := bf.Int(nil)
	return i, nil
}

// insertNum sets num into the bits of ip that end at bit prefixLen.
func insertNum(ip net.IP, num *big.Int, prefixLen int) net.IP {
	bits := len(ip) * 8
	v := new(big.Int).SetBytes(ip)
	v.Or(v, new(big.Int).Lsh(num, uint(bits-prefixLen)))
	out := make(net.IP, len(ip))
	v.FillBytes(out)
	return out
}
