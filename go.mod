module newsgraph

go 1.26
