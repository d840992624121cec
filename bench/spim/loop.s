# Benchmark (a) for SPIM (MIPS32, -asm mode: no delay slots): the same loop
# of 8 instructions per iteration as ../programs/loop.s. @N@ is replaced by
# the iteration count. Run: spim -quiet -file loop.s
        .data
cell:   .word 0
        .text
        .globl main
main:
        la    $t0, cell          # pseudo: lui+ori
        li    $t1, 0
        li    $t3, @N@           # iteration count
        li    $t5, 0
loop:
        lw    $t2, 0($t0)        # 1 load
        addu  $t2, $t2, $t1      # 2
        sw    $t2, 0($t0)        # 3 store
        addiu $t1, $t1, 1        # 4
        andi  $t4, $t1, 255      # 5
        addu  $t5, $t5, $t4      # 6
        addiu $t3, $t3, -1       # 7
        bne   $t3, $zero, loop   # 8 branch
        lw    $t2, 0($t0)
        xor   $a0, $t5, $t2      # checksum
        li    $v0, 1             # print_int
        syscall
        li    $v0, 10            # exit
        syscall
