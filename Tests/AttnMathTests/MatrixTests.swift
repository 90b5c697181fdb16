// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test func productByHand() {
        // [[1, 2], [3, 4]]·[[5, 6], [7, 8]] = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]]
        #expect(Matrix([[1, 2], [3, 4]]) * Matrix([[5, 6], [7, 8]]) == Matrix([[19, 22], [43, 50]]))
        // (1×3)·(3×1) = [[1·4 + 2·5 + 3·6]] = [[32]]
        #expect(Matrix([[1, 2, 3]]) * Matrix([[4], [5], [6]]) == Matrix([[32]]))
    }

    @Test func layoutAndAccess() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.values == [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4)
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).values == [7, 7, 7, 7])
        #expect(Matrix([], columns: 4).columns == 4)
        #expect(m.description == "1.0 2.0 3.0\n4.0 5.0 6.0")
    }

    @Test func identityLeavesMatricesAlone() {
        let m = Matrix(randomVectors(count: 3, dimension: 4, seed: 41))
        #expect(Matrix.identity(3) * m == m)
        #expect(m * Matrix.identity(4) == m)
    }

    @Test func transformIsRowVectorTimesMatrix() {
        // [1, 2]·[[1, 2], [3, 4]] = [1·1 + 2·3, 1·2 + 2·4] = [7, 10]
        #expect(Matrix([[1, 2], [3, 4]]).transform([1, 2]) == [7, 10])
    }

    @Test func horizontalConcatenation() {
        let joined = Matrix([[1], [2]]).concatenatedHorizontally(with: Matrix([[3, 4], [5, 6]]))
        #expect(joined == Matrix([[1, 3, 4], [2, 5, 6]]))
    }
}
