        csrr a0, pws
        csrw status, a0
        csrr a0, a0
