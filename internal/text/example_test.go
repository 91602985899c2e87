package text_test

import (
	"fmt"

	"newsgraph/internal/text"
)

func Example() {
	s := "MEXICO CITY — Sen. Rubio’s trip cost $1.2bn, up 3.5% from the U.S. plan. He left."
	toks := text.Tokenize(s)
	for _, se := range text.Sentences(s, toks) {
		fmt.Printf("%q:", s[se.Start:se.End])
		for _, t := range toks[se.FirstToken:se.EndToken] {
			fmt.Printf(" [%s]", s[t.Start:t.End])
		}
		fmt.Println()
	}
	fmt.Println(text.Language(s))
	// Output:
	// "MEXICO CITY —": [MEXICO] [CITY] [—]
	// "Sen. Rubio’s trip cost $1.2bn, up 3.5% from the U.S. plan.": [Sen.] [Rubio] [’s] [trip] [cost] [$] [1.2bn] [,] [up] [3.5] [%] [from] [the] [U.S.] [plan] [.]
	// "He left.": [He] [left] [.]
	// en
}
