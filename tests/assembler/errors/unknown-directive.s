        .wrod 5
        .asci "text"
        .section .text
        .word 1
